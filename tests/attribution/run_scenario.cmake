# Runs one attribution scenario through posctl and compares it byte for byte with its
# expected output. Scenarios whose name ends in _explain run with --explain; the expected
# exit status is 1 when the expected output has an error line, else 0 (spec §10).
#   cmake -DPOSCTL=… -DSCENARIO=….jsonl -P run_scenario.cmake
get_filename_component(name "${SCENARIO}" NAME_WE)
get_filename_component(dir "${SCENARIO}" DIRECTORY)
set(args attribute)
if(name MATCHES "_explain$")
    list(APPEND args --explain)
endif()
execute_process(COMMAND "${POSCTL}" ${args} "${SCENARIO}"
    OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE status)
file(READ "${dir}/${name}.expected" expected)
set(expected_status 0)
if(expected MATCHES "\"type\":\"error\"")
    set(expected_status 1)
endif()
if(NOT actual STREQUAL expected)
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual" "${actual}")
    message(FATAL_ERROR "${name}: output differs from ${name}.expected; see ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual\n"
        "diff -u ${dir}/${name}.expected ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual")
endif()
if(NOT status EQUAL expected_status)
    message(FATAL_ERROR "${name}: exit status ${status}, expected ${expected_status}. ${errors}")
endif()
message(STATUS "${name}: ok")
