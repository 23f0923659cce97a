# Run at every build (cmake -P, from src/pipeline/CMakeLists.txt): writes the git commit the
# build comes from into OUTPUT (from TEMPLATE), touching OUTPUT only when the commit changed, so
# a new commit recompiles one file and an unchanged one nothing. Outside a git checkout, or
# without git, the commit is empty and --version and the report say so.
#   cmake -DSOURCE_DIR=... -DTEMPLATE=... -DOUTPUT=... -P BuildInfo.cmake
set(TRENDSCAN_GIT_COMMIT "")
find_package(Git QUIET)
# Only this source tree's own checkout: a tarball unpacked inside another repository must not
# report that repository's commit.
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  # GIT_OPTIONAL_LOCKS=0: describe --dirty would otherwise refresh the index, and could fail
  # while another git command holds its lock.
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env GIT_OPTIONAL_LOCKS=0
            "${GIT_EXECUTABLE}" describe --tags --always --dirty --abbrev=12
    WORKING_DIRECTORY "${SOURCE_DIR}"
    OUTPUT_VARIABLE commit
    RESULT_VARIABLE status
    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(status EQUAL 0)
    set(TRENDSCAN_GIT_COMMIT "${commit}")
  endif()
endif()
# configure_file leaves OUTPUT untouched when its content would not change.
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
