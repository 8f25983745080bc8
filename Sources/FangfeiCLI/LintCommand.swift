import ArgumentParser
import Fangfei
import Foundation

struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Checks rule files and prints every error and warning as path:line:column.",
    discussion:
      "Without a path, checks the bundled pack. Exit status 2 when there is an error (with --strict, also a warning), 0 otherwise."
  )

  @Argument(help: ArgumentHelp("Rule files or directories (default: the bundled pack).", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func run() throws {
    let diagnostics: [Diagnostic]
    do {
      let classifier =
        paths.isEmpty ? try Classifier() : try Classifier(rules: paths.map { URL(fileURLWithPath: $0) })
      diagnostics = classifier.diagnostics
    } catch {
      diagnostics = error.diagnostics
    }
    for d in diagnostics { print(d) }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    FileHandle.standardError.write(Data("\(summary)\n".utf8))
    if errors > 0 || (strict && warnings > 0) { throw ExitCode(2) }
  }
}
