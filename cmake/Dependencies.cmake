# Every dependency comes from a Debian 12 package (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(absl CONFIG REQUIRED)
find_package(RocksDB CONFIG REQUIRED)
find_package(OpenCL REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(spdlog CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(Catch2 REQUIRED)

# RandomX and cpp-httplib ship no CMake package files in Debian.
find_path(RANDOMX_INCLUDE_DIR randomx.h REQUIRED)
find_library(RANDOMX_LIBRARY randomx REQUIRED)
add_library(randomx::randomx UNKNOWN IMPORTED)
set_target_properties(randomx::randomx PROPERTIES
  IMPORTED_LOCATION "${RANDOMX_LIBRARY}" INTERFACE_INCLUDE_DIRECTORIES "${RANDOMX_INCLUDE_DIR}")

# Debian's httplib.h only declares; the code is in libcpp-httplib.so, built with the TLS, zlib
# and brotli options below, which change the header's class layouts: users must define them too.
find_path(HTTPLIB_INCLUDE_DIR httplib.h REQUIRED)
find_library(HTTPLIB_LIBRARY cpp-httplib REQUIRED)
add_library(httplib::httplib UNKNOWN IMPORTED)
set_target_properties(httplib::httplib PROPERTIES
  IMPORTED_LOCATION "${HTTPLIB_LIBRARY}" INTERFACE_INCLUDE_DIRECTORIES "${HTTPLIB_INCLUDE_DIR}"
  INTERFACE_COMPILE_DEFINITIONS "CPPHTTPLIB_OPENSSL_SUPPORT;CPPHTTPLIB_ZLIB_SUPPORT;CPPHTTPLIB_BROTLI_SUPPORT")
target_link_libraries(httplib::httplib INTERFACE OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
