import Fangfei
import Foundation

/// Checks a verdict against the promises of `Hit` and `JSONReport`.
enum SpanChecks {
  /// Every hit with a span quotes exactly `original` scalars `start..<end` (Python slicing);
  /// a hit has a match, a start and an end together or none of them; and the fast JSON writer
  /// decodes to the same verdict.
  static func check(_ verdict: Verdict, original: String, context: String) throws(FuzzFailure) {
    let scalars = Array(original.unicodeScalars)
    for hit in verdict.hits {
      switch (hit.match, hit.start, hit.end) {
      case (nil, nil, nil):
        continue
      case (let match?, let start?, let end?):
        guard 0 <= start, start <= end, end <= scalars.count else {
          throw FuzzFailure(
            "\(context): hit \(hit.rule) has span \(start)..<\(end) outside 0...\(scalars.count)")
        }
        let expected = Array(scalars[start..<end])
        guard Array(match.unicodeScalars) == expected else {
          throw FuzzFailure(
            "\(context): hit \(hit.rule) span \(start)..<\(end) quotes \(debug(match)) but the original "
              + "there is \(debug(String(String.UnicodeScalarView(expected))))")
        }
      default:
        throw FuzzFailure(
          "\(context): hit \(hit.rule) has match \(hit.match.map(debug) ?? "nil"), start "
            + "\(hit.start.map(String.init) ?? "nil"), end \(hit.end.map(String.init) ?? "nil")")
      }
    }
    let line = JSONReport.line(for: verdict)
    let decoded: Verdict
    do {
      decoded = try JSONDecoder().decode(Verdict.self, from: Data(line.utf8))
    } catch {
      throw FuzzFailure("\(context): JSONReport wrote JSON that does not decode (\(error)): \(line)")
    }
    let sameQuotes = zip(decoded.hits, verdict.hits).allSatisfy { a, b in
      a.match.map { Array($0.unicodeScalars) } == b.match.map { Array($0.unicodeScalars) }
    }
    guard decoded == verdict, sameQuotes else {
      throw FuzzFailure("\(context): JSONReport line decodes to a different verdict: \(line)")
    }
  }

  /// The prefilter only skips patterns that cannot match: ``ClassifierOptions/usePrefilter``
  /// promises identical verdicts either way. Compared only when no rule hit a match limit
  /// (a skipped pattern cannot hit one, so `limited` may then differ).
  static func checkSame(
    withPrefilter: Verdict, without: Verdict, original: String, context: String
  ) throws(FuzzFailure) {
    guard withPrefilter.limited.isEmpty, without.limited.isEmpty, withPrefilter != without else { return }
    func rules(_ v: Verdict) -> String {
      v.hits.map { "\($0.rule)\($0.start.map { "@\($0)" } ?? "")" }.joined(separator: " ")
    }
    throw FuzzFailure(
      "\(context): the prefilter changed the verdict of \(debug(original)): with it \(withPrefilter.level) "
        + "\(withPrefilter.score) [\(rules(withPrefilter))], without it \(without.level) \(without.score) "
        + "[\(rules(without))]")
  }

  /// A string with its scalars spelled out, for messages about invisible differences.
  static func debug(_ s: String) -> String {
    let codes = s.unicodeScalars.prefix(40).map { String($0.value, radix: 16, uppercase: true) }
    return "\"\(s.debugDescription.dropFirst().dropLast())\" [\(codes.joined(separator: " "))"
      + (s.unicodeScalars.count > 40 ? " …]" : "]")
  }
}
