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
      """
  )

  @Argument(help: ArgumentHelp("Rule files or directories (default: the bundled pack).", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Print every compiled pattern, one per line (PCRE2 syntax).")
  var patterns = false

  @Flag(help: "Print each rule's prefilter literals ('always' when the rule runs on every message).")
  var literals = false

  func run() throws {
    let classifier = try load(paths: paths)
    if patterns {
      for p in classifier.exportedPatterns { print(p) }
      return
    }
    let pack = classifier.pack.checked
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
