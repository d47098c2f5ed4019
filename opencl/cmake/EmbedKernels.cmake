# sm_embed_kernels(OUT file.cc FUNCTION Name SOURCES a.cl b.cl ...): writes a .cc defining
# std::string_view sm::opencl::Name() as the concatenated OpenCL sources (re-run on change).
function(sm_embed_kernels)
  cmake_parse_arguments(ARG "" "OUT;FUNCTION" "SOURCES" ${ARGN})
  set(SM_KERNEL_FUNCTION ${ARG_FUNCTION})
  set(SM_KERNEL_SOURCE "")
  foreach(src ${ARG_SOURCES})
    file(READ "${src}" text)
    get_filename_component(name "${src}" NAME)
    string(APPEND SM_KERNEL_SOURCE "// ---- ${name}\n${text}\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${src}")
  endforeach()
  configure_file("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/kernel_source.cc.in" "${ARG_OUT}" @ONLY)
endfunction()
