// The CA connection keys the AnyCA Gateway plugin adds to the connector's
// own (where the connector listens and how to reach it), so that
// `sslstore-gateway annotations` shows what the gateway shows. The plugin
// (tools/anyca-gateway-plugin) defines them; this list must follow it.
#ifndef TOOLS_GATEWAY_CLI_PLUGIN_ANNOTATIONS_H_
#define TOOLS_GATEWAY_CLI_PLUGIN_ANNOTATIONS_H_

#include <map>
#include <string>

#include "sslstore/connector/v1/catalog.pb.h"

namespace sslstore::gateway::cli {

// ConnectorAddress, ConnectorTlsCaFile, ..., ConnectorSyncResumeAttempts,
// by name.
std::map<std::string, sslstore::connector::v1::Annotation> PluginAnnotations();

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_PLUGIN_ANNOTATIONS_H_
