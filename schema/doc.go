// Package schema derives parameter schemas from tagged Go structs and decodes
// loosely typed values (as read from YAML, JSON or the command line) into
// those structs strictly.
//
// A schema is the single source of truth for a model's parameters and for the
// sections of a config file: `statecraft describe`, validation, defaults and
// the documentation are all read from the struct tags, so they cannot drift
// from the code.
//
// Tags on an exported struct field:
//
//	key:"detection"          the name users write (required; fields without it are ignored)
//	default:"0.8"            default value, parsed like user input; for pointer
//	                         (optional) fields the text only documents what
//	                         happens when the key is absent
//	range:"[0,1]"            closed/open bounds for numbers: "[0,1]", "(0,1)", "[1,)"
//	enum:"grim|punish"       allowed values of a string
//	unit:"probability"       unit shown in docs and axis labels
//	label:"detection p"      short name for figures' axes and legends (default:
//	                         the key, underscores as spaces)
//	doc:"one line"           what the parameter means
//
// Supported field types: float64, int, bool, string, pointers to those
// (optional parameters: nil when absent), nested structs, slices and maps with
// string keys of supported types, and any type whose pointer implements
// [Decoder].
//
// An embedded struct field without a key tag is flattened: its keyed fields
// are keys of the outer struct, listed where the embedded field stands, so
// that several models can share one block of parameters (tags, defaults and
// all). Go promotes the embedded struct's Validate method as it promotes the
// fields: an outer struct with a Validate of its own must call the embedded
// one. Embed the struct by value; a key declared twice is a malformed tag.
//
// Decoding is strict: an unknown key, a value of the wrong type or one outside
// its range is an [*Error] naming the key path, what is allowed and, for a
// misspelt key, the nearest valid one.
package schema
