import FangfeiTextTables
import Foundation

// Usage: NormalizerTablesTool OUTPUT.swift
//
// Computes the normaliser's tables exactly as FangfeiText would at run time — the Unicode data
// from the standard library and Foundation, OpenCC's t2s.json character table, and the mapping
// of every per-scalar step composed from them — and writes a Swift file declaring
// `EmbeddedNormalizerTables`: one base64 string literal per section of a `TableArchive`.

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("NormalizerTablesTool: \(message)\n".utf8))
  exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
  FileHandle.standardError.write(Data("usage: NormalizerTablesTool OUTPUT.swift\n".utf8))
  exit(2)
}
let output = arguments[1]

let configuration = TraditionalChineseTable.defaultConfiguration
let data = UnicodeData.derive()
let pairs: [(UInt32, UInt32)]
do {
  pairs = try TraditionalChineseTable.build(configuration: configuration)
} catch {
  fail("OpenCC cannot build the \(configuration) table: \(error)")
}
let mapping = ScalarMapping(steps: .all, data: data, simplified: pairs)

let sections: [(name: String, documentation: String, bytes: [UInt8])] = [
  ("classes", "The classes of every scalar (steps 5 and 6).", TableArchive.encode(classes: data.classes)),
  (
    "mapping", "The mapping of steps 1-4, all on, with OpenCC's \(configuration) (without its classes).",
    TableArchive.encode(mapping: mapping)
  ),
  (
    "unicodeData", "The Unicode data the mappings of other steps are composed from (without its classes).",
    TableArchive.encode(unicodeData: data)
  ),
  ("simplifiedPairs", "OpenCC's \(configuration) character table.", TableArchive.encode(pairs: pairs)),
]

var swift = """
  // Generated at build time by the NormalizerTables plugin (NormalizerTablesTool): the tables of
  // FangfeiText's normaliser, computed with the Unicode data of the build toolchain and OpenCC's
  // \(configuration) (\(pairs.count) pairs). Do not edit: change Sources/FangfeiTextTables instead.

  /// The sections of the `TableArchive` embedded at build time, as base64.
  package enum EmbeddedNormalizerTables {

  """
for section in sections {
  swift += "  /// \(section.documentation) \(section.bytes.count) bytes.\n"
  swift += "  package static let \(section.name): StaticString = \"\"\"\n"
  swift += TableArchive.base64(section.bytes)
  swift += "\"\"\"\n\n"
}
swift += "}\n"

do {
  try swift.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
  fail("cannot write \(output): \(error)")
}
