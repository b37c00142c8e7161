# Install layout (GNUInstallDirs) and the Debian package (CPack DEB). Included by the top-level
# CMakeLists.txt. Configure with -DCMAKE_INSTALL_PREFIX=/usr for the package: the paths compiled
# into itkal (the configuration in <sysconfdir>, the organizer directory in <datadir>) and those
# in the systemd units follow the prefix.

set(ITKAL_STATE_DIR /var/lib/itkal CACHE PATH "The service's inbox and output folders")
# Debian 12 ships units in /lib/systemd/system (dpkg and the /usr merge); other prefixes keep
# them below the prefix, where `systemctl link` can find them. Empty: follow the prefix, also when
# it changes in an existing build folder.
set(ITKAL_SYSTEMD_UNIT_DIR "" CACHE PATH "Where the systemd units go (empty: from the prefix)")
if(ITKAL_SYSTEMD_UNIT_DIR)
  set(itkal_unit_dir ${ITKAL_SYSTEMD_UNIT_DIR})
elseif(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(itkal_unit_dir /lib/systemd/system)
else()
  set(itkal_unit_dir lib/systemd/system)
endif()

set(itkal_packaging ${PROJECT_SOURCE_DIR}/packaging)
set(itkal_generated ${PROJECT_BINARY_DIR}/packaging)

install(TARGETS itkal RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The support modules (PDF, fetching), where itkal looks for them relative to its own folder.
install(TARGETS itkal_pdf_module itkal_curl_module LIBRARY DESTINATION ${ITKAL_MODULE_INSTALL_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/feeds/organizers.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/itkal)

# The service's configuration: absolute paths into the state folder and the organizer directory.
configure_file(${itkal_packaging}/itkal.json.in ${itkal_generated}/itkal.json @ONLY)
install(FILES ${itkal_generated}/itkal.json DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/itkal)

foreach(unit itkal-build.service itkal-serve.service)
  configure_file(${itkal_packaging}/systemd/${unit}.in ${itkal_generated}/${unit} @ONLY)
  install(FILES ${itkal_generated}/${unit} DESTINATION ${itkal_unit_dir})
endforeach()
install(FILES ${itkal_packaging}/systemd/itkal-build.timer DESTINATION ${itkal_unit_dir})

# Documentation: the README, the checkout's configuration and its example issue (a build of it
# is the quickest check that an installation works), copyright and the Debian changelog.
configure_file(${itkal_packaging}/debian/changelog.in ${itkal_generated}/changelog.Debian @ONLY)
find_program(ITKAL_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${itkal_generated}/changelog.Debian.gz
                   COMMAND ${ITKAL_GZIP} -9nf -k ${itkal_generated}/changelog.Debian
                   DEPENDS ${itkal_generated}/changelog.Debian VERBATIM)
set(itkal_doc_files ${itkal_generated}/changelog.Debian.gz)

# The man page is `itkal --help` through help2man. A developer build without help2man skips it;
# scripts/package-test.sh requires it, so the package always has one.
find_program(ITKAL_HELP2MAN help2man)
if(ITKAL_HELP2MAN)
  add_custom_command(
    OUTPUT ${itkal_generated}/itkal.1.gz
    COMMAND sh ${itkal_packaging}/man-include.sh ${itkal_generated}/itkal.h2m $<TARGET_FILE:itkal>
            ${CMAKE_INSTALL_FULL_SYSCONFDIR} ${CMAKE_INSTALL_FULL_DATADIR} ${ITKAL_STATE_DIR}
    COMMAND ${ITKAL_HELP2MAN} --no-info --section=1
            "--name=newsletter event calendars as iCalendar feeds"
            --include=${itkal_generated}/itkal.h2m --version-string=${PROJECT_VERSION}
            --output=${itkal_generated}/itkal.1 $<TARGET_FILE:itkal>
    COMMAND ${ITKAL_GZIP} -9nf ${itkal_generated}/itkal.1
    DEPENDS itkal ${itkal_packaging}/man-include.sh VERBATIM)
  list(APPEND itkal_doc_files ${itkal_generated}/itkal.1.gz)
  install(FILES ${itkal_generated}/itkal.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man page (apt-get install help2man)")
endif()
add_custom_target(itkal_docs ALL DEPENDS ${itkal_doc_files})

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${itkal_packaging}/debian/copyright
              ${itkal_generated}/changelog.Debian.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/feeds/itkal.json ${PROJECT_SOURCE_DIR}/feeds/organizers.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/feeds/inbox DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The Debian package. Maintainer scripts create the itkal user and /var/lib/itkal, and enable
# and start the units as dh_installsystemd would.
foreach(script postinst prerm postrm)
  configure_file(${itkal_packaging}/debian/${script}.in ${itkal_generated}/debian/${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                 WORLD_READ WORLD_EXECUTE)
endforeach()
file(WRITE ${itkal_generated}/debian/conffiles "${CMAKE_INSTALL_FULL_SYSCONFDIR}/itkal/itkal.json\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME itkal)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "itkal maintainers <itkal@itkal.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "newsletter event calendars as iCalendar feeds")
# The long description, wrapped for dpkg (at most 80 columns).
set(CPACK_PACKAGE_DESCRIPTION [=[itkal reads the event calendars of German newsletters (text, HTML,
e-mail), aggregates the issues into events with stable ids, and writes
and serves iCalendar feeds. The package builds /var/lib/itkal/inbox
hourly (itkal-build.timer) and serves the feeds over HTTP
(itkal-serve.service), both as the system user itkal.]=])
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.54~)")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${itkal_generated}/debian/postinst ${itkal_generated}/debian/prerm
    ${itkal_generated}/debian/postrm ${itkal_generated}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
