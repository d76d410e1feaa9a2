// Package migrations holds every module's versioned SQL, one stream per
// folder (migrations/<module>/<dialect>/NNNNN_name.sql). Each stream has its
// own version table so a module can leave with its history.
package migrations

import "embed"

// FS is every stream, for both dialects.
//
//go:embed */postgres/*.sql */sqlite/*.sql
var FS embed.FS
