import Fangfei
import FangfeiRules

/// `fuzz-rules`: bytes → rule text (invalid UTF-8 replaced by U+FFFD) → `PackLoader.check` and,
/// when that finds no error, the full compile with `Classifier(ruleText:)` and classifications
/// with the new pack (spans must slice the message; the prefilter must not change a verdict).
/// Errors are fine; crashes, hangs and broken promises are not.
enum RuleChecks {
  static let path = "fuzz.rules"
  /// At most this many of the pack's `hit`/`miss` examples are classified.
  static let maxExamples = 16

  /// Messages classified with every pack that compiles, besides the rule text itself and the
  /// pack's own `hit`/`miss` examples.
  static let messages = [
    "本平台年化收益高达36%，保本保息，稳赚不赔，名额有限，今晚截止！加V详聊",
    "警惕“保本保息”“稳赚不赔”等话术。理财非存款，产品有风险，投资须谨慎。",
    "Guaranteed profit 20% monthly\n保本 USDT 🔥 穩賺不賠 ＡＢＣ 1,000元 年化百分之三十\t\u{1}x",
  ]

  static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(FuzzFailure) {
    let text = String(decoding: bytes, as: UTF8.self)
    let (pack, diagnostics) = PackLoader.check([PackLoader.SourceFile(path: path, text: text)])
    try checkLocations(diagnostics, text: text)
    let hasError = diagnostics.contains { $0.severity == .error }
    guard let pack, !hasError else {
      if pack != nil { throw FuzzFailure("PackLoader.check returned a pack together with errors") }
      if !hasError { throw FuzzFailure("PackLoader.check returned neither a pack nor an error") }
      return
    }
    let classifier: Classifier
    do {
      classifier = try Classifier(ruleText: text, path: path)
    } catch {
      // PCRE2 compile errors surface here; they must be located diagnostics like any other.
      guard !error.errors.isEmpty else {
        throw FuzzFailure("Classifier(ruleText:) threw without an error diagnostic: \(error)")
      }
      try checkLocations(error.diagnostics, text: text)
      return
    }
    let unfiltered: Classifier
    do {
      unfiltered = try Classifier(ruleText: text, path: path, options: ClassifierOptions(usePrefilter: false))
    } catch {
      throw FuzzFailure("the pack compiles with the prefilter but not without it: \(error)")
    }
    // The rule text itself, the pack's own examples (what its patterns are written to match),
    // and the fixed messages.
    let examples = pack.rules.flatMap { $0.examples.map(\.text) }.prefix(maxExamples)
    for (i, message) in ([text] + examples + messages).enumerated() {
      let verdict = classifier.classify(message)
      let context = "message \(i) with the fuzzed pack"
      try SpanChecks.check(verdict, original: message, context: context)
      try SpanChecks.checkSame(
        withPrefilter: verdict, without: unfiltered.classify(message), original: message, context: context)
    }
  }

  /// Every diagnostic names the file, a line of it and a column within that line (or just
  /// after its end, where a missing token would go), counting Unicode scalars.
  static func checkLocations(_ diagnostics: [Diagnostic], text: String) throws(FuzzFailure) {
    guard !diagnostics.isEmpty else { return }
    // The parser's lines: split on U+000A, a trailing "\r" dropped.
    var lengths: [Int] = []
    for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      lengths.append(line.last == "\r" ? line.count - 1 : line.count)
    }
    for d in diagnostics {
      let l = d.location
      guard l.file == path else { throw FuzzFailure("diagnostic for an unknown file: \(d)") }
      guard l.line >= 1, l.line <= lengths.count else {
        throw FuzzFailure("diagnostic line \(l.line) outside 1...\(lengths.count): \(d)")
      }
      guard l.column >= 1, l.column <= lengths[l.line - 1] + 1 else {
        throw FuzzFailure("diagnostic column \(l.column) outside 1...\(lengths[l.line - 1] + 1): \(d)")
      }
    }
  }
}
