import ArgumentParser
import Fangfei
import Foundation

struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Runs every rule's 'hit' and 'miss' examples against the whole pack.",
    discussion:
      "Without a path, tests the bundled pack. Exit status 1 when an example fails, 2 when the pack does not load."
  )

  @Argument(help: ArgumentHelp("Rule files or directories (default: the bundled pack).", valueName: "path"))
  var paths: [String] = []

  @Flag(name: .shortAndLong, help: "Print every example, not only the failures.")
  var verbose = false

  func run() throws {
    let classifier = try load(paths: paths)
    let results = ExampleRunner(classifier: classifier).run()
    var failed = 0
    for r in results {
      if !r.passed { failed += 1 }
      if !r.passed || verbose { print(r) }
    }
    print("\(results.count) examples: \(results.count - failed) passed, \(failed) failed")
    if failed > 0 { throw ExitCode(1) }
  }
}
