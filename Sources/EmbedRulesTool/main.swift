import FangfeiRules
import Foundation

// Usage: EmbedRulesTool RULES_DIR OUTPUT.swift FILE...
// Writes a Swift file declaring `BundledRuleFiles.all`: every FILE's path relative to RULES_DIR
// and its text, sorted by path; and `BundledRuleFiles.literalTable`: the required-literal
// analysis of every pattern of the pack (`RequiredLiterals.encode`), so that loading the bundled
// pack does not parse every pattern again.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  FileHandle.standardError.write(Data("usage: EmbedRulesTool RULES_DIR OUTPUT.swift FILE...\n".utf8))
  exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
let output = arguments[2]

func literal(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\\": out += "\\\\"
    case "\"": out += "\\\""
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

var entries: [(String, String)] = []
for path in arguments.dropFirst(3) {
  let full = URL(fileURLWithPath: path).standardizedFileURL.path
  let relative = full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
  guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
    FileHandle.standardError.write(Data("EmbedRulesTool: cannot read \(full) as UTF-8\n".utf8))
    exit(1)
  }
  entries.append((relative, text))
}
entries.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }

var swift = "// Generated at build time by the EmbedRules plugin from the package's rules/ directory.\n"
swift += "// Do not edit: change the files under rules/ instead.\n\n"
swift += "/// The files of the bundled rule pack and its tables: path relative to rules/, and text.\n"
swift += "package enum BundledRuleFiles {\n"
swift += "  /// Every file under rules/, sorted by path.\n"
swift += "  package static let all: [(path: String, text: String)] = [\n"
for (path, text) in entries {
  swift += "    (\(literal(path)), \(literal(text))),\n"
}
swift += "  ]\n"

// The patterns of the pack as the loader will see them (after fragment and variant expansion).
// A pack with errors gets an empty table: loading it reports the errors anyway.
let sources = entries.filter { $0.0.hasSuffix(".rules") }.map {
  PackLoader.SourceFile(path: "rules/" + $0.0, text: $0.1)
}
let patterns = PackLoader.checkAll(sources).0?.literalAnalysisPatterns ?? []
swift += "\n  /// The required-literal analysis of every pattern above (`RequiredLiterals.decode`).\n"
swift += "  package static let literalTable = \(literal(RequiredLiterals.encode(patterns)))\n"
swift += "}\n"

do {
  try swift.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
  FileHandle.standardError.write(Data("EmbedRulesTool: cannot write \(output): \(error)\n".utf8))
  exit(1)
}
