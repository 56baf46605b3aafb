# `make package`: a Debian package of massagelog and massagelog-web with the
# man page, bash completion, docs, changelog and copyright, its Depends
# computed by dpkg-shlibdeps (CPack's DEB generator).

set(MASSAGELOG_DOC share/doc/massagelog)
install(FILES README.md DESTINATION ${MASSAGELOG_DOC})
install(DIRECTORY docs/ DESTINATION ${MASSAGELOG_DOC}/docs FILES_MATCHING PATTERN "*.md")
install(FILES packaging/copyright DESTINATION ${MASSAGELOG_DOC})
# The nginx site docs/web.md shows, for running behind a reverse proxy.
install(FILES packaging/nginx.conf DESTINATION ${MASSAGELOG_DOC})
# Debian policy: the changelog and the man page compressed with gzip -9n.
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/packaging/changelog > ${CMAKE_BINARY_DIR}/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/massagelog-web.1.gz
  COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/packaging/massagelog-web.1 > ${CMAKE_BINARY_DIR}/massagelog-web.1.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/massagelog-web.1)
add_custom_target(massagelog_changelog ALL
  DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz ${CMAKE_BINARY_DIR}/massagelog-web.1.gz)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${MASSAGELOG_DOC})
install(FILES ${CMAKE_BINARY_DIR}/massagelog-web.1.gz DESTINATION share/man/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME massagelog)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "massagelog")
set(CPACK_PACKAGE_CONTACT "massagelog maintainers <maintainers@massagelog.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "session log for massage clinics, with sourced warnings")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"Therapists record each massage session (client, therapist, technique,\n\
pressure, body regions) and what clients report in the days after:\n\
muscle twitching, spasms, cramps and the symptoms that came with them.\n\
massagelog computes explained, sourced flags that tell staff when to\n\
refer, lists the follow-up calls due and prints client and clinic\n\
reports. Everything lives in one SQLite file; massagelog serve offers\n\
the same to browsers on the clinic's network.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The tz database is read at run time, not linked.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
# The referral letter as a PDF (massagelog referral --format pdf); without
# it the letter is written as HTML and the PDF is refused, naming it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "weasyprint")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_FILE_NAME massagelog_${PROJECT_VERSION}_amd64)
include(CPack)
