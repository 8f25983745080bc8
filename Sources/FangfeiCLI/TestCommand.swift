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

  @Flag(
    help: ArgumentHelp(
      "Rewrite every 'hit' example the way scam posts evade filters and report, per rule, which rewrites escape.",
      discussion:
        "Spaces, symbols and emoji between Han characters, traditional characters, full-width digits and letters, Chinese numerals, variant spellings."
    ))
  var evasions = false

  @Option(help: "With --evasions: fail (exit 1) when fewer than this share of rewrites still hit, in percent.")
  var minimumHitRate: Double = 95

  func run() throws {
    let classifier = try load(paths: paths)
    if evasions {
      try runEvasions(classifier)
      return
    }
    let results = ExampleRunner(classifier: classifier).run()
    var failed = 0
    for r in results {
      if !r.passed { failed += 1 }
      if !r.passed || verbose { print(r) }
    }
    print("\(results.count) examples: \(results.count - failed) passed, \(failed) failed")
    if failed > 0 { throw ExitCode(1) }
  }

  private func runEvasions(_ classifier: Classifier) throws {
    let results = ExampleRunner(classifier: classifier).runEvasions()
    let tried = results.reduce(0) { $0 + $1.tried }
    let escaped = results.reduce(0) { $0 + $1.escaped.count }
    var byKind: [EvasionGenerator.Kind: (tried: Int, escaped: Int)] = [:]
    for r in results.sorted(by: { ($0.escaped.count, $1.rule) > ($1.escaped.count, $0.rule) }) where !r.escaped.isEmpty
    {
      print("\(r.rule): \(r.escaped.count) of \(r.tried) rewrites escape")
      for v in r.escaped.prefix(verbose ? .max : 5) { print("    \(v.kind.rawValue)\t«\(v.text)»") }
    }
    for r in results {
      for (k, n) in r.triedByKind { byKind[k, default: (0, 0)].tried += n }
      for v in r.escaped { byKind[v.kind, default: (0, 0)].escaped += 1 }
    }
    let kinds = EvasionGenerator.Kind.allCases.compactMap { k in
      byKind[k].map { "\(k.rawValue) \($0.tried - $0.escaped)/\($0.tried)" }
    }
    let rate = tried > 0 ? 100 * Double(tried - escaped) / Double(tried) : 100
    print(
      String(
        format: "%d rewrites of hit examples: %d still hit (%.1f%%), %d escape%@", tried, tried - escaped, rate,
        escaped,
        kinds.isEmpty ? "" : "; still hit by kind: \(kinds.joined(separator: ", "))"))
    if rate < minimumHitRate { throw ExitCode(1) }
  }
}
