# The Debian package: `cpack -G DEB` in the build directory makes
# hd_<version>_<arch>.deb, installing under /usr what `cmake --install` does
# (stripped). tests/e2e/test_package.sh builds, inspects, installs and
# removes it.
# dpkg-shlibdeps (package dpkg-dev) works out the library dependencies from
# the binary itself; git is named by hand, since hd runs it for sync and
# for mail's commits.
set(CPACK_PACKAGE_NAME hd)
set(CPACK_PACKAGE_VENDOR "hd")
set(CPACK_PACKAGE_CONTACT "hd maintainers <hd@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "help desk that lives in a git repository")
set(CPACK_PACKAGE_DESCRIPTION
  "Each ticket is a plain TOML file and each action (new, reply, note, close, ...)
one git commit, so history, blame, review and backup are git's. hd takes
mail in and sends replies out, follows up on quiet requesters, merges ticket
files without conflicts, and reports on service levels in formats CI systems
read.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "git, tzdata")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "msmtp | mail-transport-agent")
# bsdextrautils's /usr/bin/hd (hexdump) and its completion are moved aside
# while hd is installed, and given back when it is removed.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${CMAKE_CURRENT_LIST_DIR}/../packaging/debian/preinst;${CMAKE_CURRENT_LIST_DIR}/../packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
