# Run by `cmake --install` (and CPack) after the files: installs the example
# configuration as <sysconfdir>/sslstore-connector/connector.json unless a
# configuration is there already, and the systemd unit with this install's
# paths. <sysconfdir> is /etc for the prefix /usr, else <prefix>/etc.
set(prefix "${CMAKE_INSTALL_PREFIX}")
if(prefix STREQUAL "/usr")
  set(conf_dir "/etc/sslstore-connector")
else()
  set(conf_dir "${prefix}/etc/sslstore-connector")
endif()
set(SSLSTORE_CONF_DIR "${conf_dir}")
set(SSLSTORE_BIN_DIR "${prefix}/${SSLSTORE_INSTALL_BINDIR}")
set(SSLSTORE_DOC_DIR "${prefix}/${SSLSTORE_INSTALL_DATADIR}/doc/sslstore-connector")

if(EXISTS "$ENV{DESTDIR}${conf_dir}/connector.json")
  message(STATUS "Keeping: $ENV{DESTDIR}${conf_dir}/connector.json")
else()
  # file(INSTALL) puts DESTDIR in front by itself.
  file(INSTALL DESTINATION "${conf_dir}" TYPE FILE
       RENAME connector.json
       FILES "${SSLSTORE_PACKAGING_SOURCE_DIR}/connector.example.json")
endif()

configure_file("${SSLSTORE_PACKAGING_SOURCE_DIR}/sslstore-connector.service"
               "${SSLSTORE_PACKAGING_BINARY_DIR}/sslstore-connector.service"
               @ONLY)
file(INSTALL DESTINATION "${prefix}/lib/systemd/system"
     TYPE FILE
     FILES "${SSLSTORE_PACKAGING_BINARY_DIR}/sslstore-connector.service")
