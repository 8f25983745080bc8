import ArgumentParser
import Fangfei
import Foundation

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Lists the rules of a pack, or prints its compiled patterns.",
    discussion: """
      --patterns prints every compiled pattern, one a line, after fragment and variant expansion, \
      in PCRE2 syntax with flags written inline — the input ../shared/perf/run.sh takes as \
      PERF_PATTERNS, so the anchors run the very same patterns.

      --prefixes prints, for each pattern of each rule, the strings every match starts with: \
      the prefilter reports where they occur and the pattern is tried there only. A pattern \
      marked 'anywhere' is tried at every character of a message its literals let through \
      (it starts with \\d, a wide class or '.', or has \\G, \\K or a backtracking verb); starting \
      it with fixed words makes it cheaper.
      """
  )

  @Argument(help: ArgumentHelp("Rule files or directories (default: the bundled pack).", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Print every compiled pattern, one per line (PCRE2 syntax).")
  var patterns = false

  @Flag(help: "Print each rule's prefilter literals ('always' when the rule runs on every message).")
  var literals = false

  @Flag(help: "Print the prefixes of each rule pattern ('anywhere' when it has none).")
  var prefixes = false

  func run() throws {
    let classifier = try load(paths: paths)
    if patterns {
      for p in classifier.exportedPatterns { print(p) }
      return
    }
    let pack = classifier.pack.checked
    if prefixes {
      // Loading the classifier worked them out (`CheckedRule.patternPrefixes`).
      for rule in pack.rules where !rule.isMeta {
        for (i, found) in rule.patternPrefixes.enumerated() {
          print("\(rule.name)#\(i + 1)\t\(found.map { $0.joined(separator: " ") } ?? "anywhere")")
        }
      }
      return
    }
    if literals {
      for rule in pack.rules where !rule.isMeta {
        var all: [String] = []
        var always = false
        for p in rule.patterns {
          guard let l = RequiredLiterals.of(p.text, extended: p.flags.contains(.extended)) else {
            always = true
            break
          }
          all.append(contentsOf: l)
        }
        print("\(rule.name)\t\(always ? "always" : Array(Set(all)).sorted().joined(separator: " "))")
      }
      return
    }
    for rule in pack.rules {
      let n = rule.patterns.count
      let kind = rule.isMeta ? "meta" : "\(n) pattern\(n == 1 ? "" : "s")"
      let category = rule.category.map { pack.categories[$0].name } ?? "-"
      let description = rule.descriptions["zh"] ?? rule.descriptions["en"] ?? ""
      print("\(rule.name)\t\(category)\t\(JSONReport.number(rule.score))\t\(kind)\t\(description)")
    }
  }
}
