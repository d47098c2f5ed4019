# Release (default): -O3, portable x86-64 baseline; SIMD kernels are compiled per file with their
# own -m flags and picked at run time. Debug: -O0 -g. Sanitize: ASan + UBSan with symbols.
set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")
set(CMAKE_C_FLAGS_RELEASE "-O3 -DNDEBUG")
set(CMAKE_CXX_FLAGS_SANITIZE "-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined")
set(CMAKE_C_FLAGS_SANITIZE "${CMAKE_CXX_FLAGS_SANITIZE}")
set(CMAKE_EXE_LINKER_FLAGS_SANITIZE "-fsanitize=address,undefined")
set(CMAKE_SHARED_LINKER_FLAGS_SANITIZE "-fsanitize=address,undefined")

add_compile_options(-Wall -Wextra -Wno-unused-parameter)
if(SM_NATIVE_ARCH)
  add_compile_options(-march=native)
endif()
