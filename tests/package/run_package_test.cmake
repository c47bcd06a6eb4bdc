# Installs the built library into a scratch prefix, then builds and runs a consumer with
# find_package(ringport) and, separately, with pkg-config flags.
# Inputs: -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=...
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE r OUTPUT_QUIET)
if(r)
  message(FATAL_ERROR "install failed: ${r}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/consumer
                        -B ${WORK_DIR}/consumer -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix
                        -DCMAKE_BUILD_TYPE=Release
                RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "consumer configure failed: ${r}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/consumer RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "consumer build failed: ${r}")
endif()
execute_process(COMMAND ${WORK_DIR}/consumer/consumer RESULT_VARIABLE r OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(r)
  message(FATAL_ERROR "consumer (find_package) failed: ${r}")
endif()

# pkg-config: compile and link with exactly the flags ringport.pc gives.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${WORK_DIR}/prefix/lib/pkgconfig:${WORK_DIR}/prefix/lib64/pkgconfig")
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs ringport OUTPUT_VARIABLE flags
                RESULT_VARIABLE r OUTPUT_STRIP_TRAILING_WHITESPACE)
if(r)
  message(FATAL_ERROR "pkg-config failed: ${r}")
endif()
separate_arguments(flag_list UNIX_COMMAND "${flags}")
execute_process(COMMAND ${CXX} ${SOURCE_DIR}/tests/package/consumer/main.cpp ${flag_list}
                        -o ${WORK_DIR}/consumer_pc RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "consumer (pkg-config: ${flags}) failed to build: ${r}")
endif()
execute_process(COMMAND ${WORK_DIR}/consumer_pc RESULT_VARIABLE r)
if(r)
  message(FATAL_ERROR "consumer (pkg-config) failed: ${r}")
endif()
