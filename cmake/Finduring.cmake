# Finds liburing and defines the imported target uring::uring.
find_path(URING_INCLUDE_DIR NAMES liburing.h)
find_library(URING_LIBRARY NAMES uring)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(uring REQUIRED_VARS URING_LIBRARY URING_INCLUDE_DIR)
if(uring_FOUND AND NOT TARGET uring::uring)
  add_library(uring::uring UNKNOWN IMPORTED)
  set_target_properties(uring::uring PROPERTIES
    IMPORTED_LOCATION "${URING_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${URING_INCLUDE_DIR}")
endif()
mark_as_advanced(URING_INCLUDE_DIR URING_LIBRARY)
