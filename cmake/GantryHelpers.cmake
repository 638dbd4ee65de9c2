# Shared build conventions: warnings, sanitizers, proto generation and test registration.

function(gantry_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false -Wrestrict / -Wmaybe-uninitialized inside libstdc++'s std::string and std::variant.
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-maybe-uninitialized)
  endif()
  if(GANTRY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(GANTRY_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# gantry_add_library(NAME [SOURCES ...] [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# One library per folder: include/ is public, src/ private.
function(gantry_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                      PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  gantry_target_defaults(${name})
endfunction()

# gantry_add_service(NAME SOURCES ... LIBS ...): one service binary.
function(gantry_add_service name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
  gantry_target_defaults(${name})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
endfunction()

# gantry_add_gtest(NAME LABEL SOURCES ... LIBS ... [TEST_PREFIX p]): a gtest binary whose cases ctest lists
# one by one, each named TEST_PREFIX + Suite.Case (so `ctest -R <prefix>` selects them).
function(gantry_add_gtest name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT;TEST_PREFIX" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  gantry_target_defaults(${name})
  target_compile_definitions(${name} PRIVATE
    GANTRY_BIN_DIR="${CMAKE_BINARY_DIR}/bin"
    GANTRY_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  include(GoogleTest)
  set(prefix_args)
  if(ARG_TEST_PREFIX)
    set(prefix_args TEST_PREFIX ${ARG_TEST_PREFIX})
  endif()
  gtest_discover_tests(${name} ${prefix_args} PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT}
                       DISCOVERY_TIMEOUT 30)
endfunction()

# gantry_add_proto_library(TARGET PROTO_ROOT FILES ... [DEPS ...] [IMPORT_ROOTS ...])
# Generates C++ messages and gRPC stubs into the build tree (never checked in). IMPORT_ROOTS are
# further --proto_path folders, e.g. the main proto/ tree for test protos that import gantry/common.
function(gantry_add_proto_library target)
  cmake_parse_arguments(ARG "" "PROTO_ROOT" "FILES;DEPS;IMPORT_ROOTS" ${ARGN})
  set(import_args)
  foreach(root ${ARG_IMPORT_ROOTS})
    list(APPEND import_args --proto_path=${root})
  endforeach()
  set(gen_dir ${CMAKE_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${gen_dir})
  set(srcs)
  foreach(proto ${ARG_FILES})
    file(RELATIVE_PATH rel ${ARG_PROTO_ROOT} ${proto})
    string(REGEX REPLACE "\\.proto$" "" base ${rel})
    set(outs ${gen_dir}/${base}.pb.cc ${gen_dir}/${base}.pb.h
             ${gen_dir}/${base}.grpc.pb.cc ${gen_dir}/${base}.grpc.pb.h)
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc
      ARGS --proto_path=${ARG_PROTO_ROOT} ${import_args} --proto_path=/usr/include
           --cpp_out=${gen_dir} --grpc_out=${gen_dir}
           --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>
           ${proto}
      DEPENDS ${proto} protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "protoc ${rel}")
    list(APPEND srcs ${gen_dir}/${base}.pb.cc ${gen_dir}/${base}.grpc.pb.cc)
  endforeach()
  add_library(${target} STATIC ${srcs})
  target_include_directories(${target} PUBLIC ${gen_dir})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++ ${ARG_DEPS})
endfunction()
