import Foundation

/// Measures a classifier on labelled rows: precision, recall, F1 and the false-positive rate,
/// the flagged share per label and per category, per-rule hit frequencies, and the rows it got
/// wrong.
///
/// A row is *positive* when its label is one of `positiveLabels` and *negative* otherwise (`ham`,
/// `benign`, `spam`, anything else); it is *flagged* when its verdict's level is not `clean`.
///
/// ```swift
/// let rows = try LabeledMessageReader.read(path: "corpus/zh.jsonl")
/// let report = Evaluator(classifier: try Classifier()).evaluate(EvaluationSplit.odd.filter(rows))
/// print(report.overall.precision ?? .nan, report.overall.recall ?? .nan)
/// ```
///
/// Rows are classified in parallel; the report does not depend on the order they finish in.
public struct Evaluator: Sendable {
  /// How many Unicode scalars of a text an ``EvaluationReport/Example`` quotes.
  public static let excerptLength = 80

  /// The classifier under test.
  public let classifier: Classifier
  /// The labels that count as positive.
  public let positiveLabels: Set<String>
  /// The language of the hits' descriptions in the examples.
  public let language: Language

  /// Creates an evaluator.
  /// - Parameters:
  ///   - classifier: The classifier under test.
  ///   - positiveLabels: The labels that count as positive (`scam` by default).
  ///   - language: The language of the hits' descriptions in false positives and misses.
  public init(classifier: Classifier, positiveLabels: Set<String> = ["scam"], language: Language = .zh) {
    self.classifier = classifier
    self.positiveLabels = positiveLabels
    self.language = language
  }

  /// Classifies every row and reports how the classifier did.
  public func evaluate(_ rows: [LabeledMessage]) -> EvaluationReport {
    let verdicts = classifyAll(rows)
    let rules = classifier.pack.checked.rules
    let categoryNames = classifier.pack.checked.categories.map(\.name)
    var ruleIndex: [String: Int] = [:]
    for (i, rule) in rules.enumerated() { ruleIndex[rule.name] = i }

    var tp = 0
    var fp = 0
    var tn = 0
    var fn = 0
    var byLabel: [String: (rows: Int, flagged: Int)] = [:]
    var byCategory: [CategoryKey: (rows: Int, flagged: Int)] = [:]
    var positiveHits = Array(repeating: 0, count: rules.count)
    var negativeHits = Array(repeating: 0, count: rules.count)
    var falsePositiveHits = Array(repeating: 0, count: rules.count)
    var falsePositives: [EvaluationReport.Example] = []
    var misses: [EvaluationReport.Example] = []

    for (row, verdict) in zip(rows, verdicts) {
      let positive = positiveLabels.contains(row.label)
      let flagged = verdict.isFlagged
      switch (positive, flagged) {
      case (true, true): tp += 1
      case (true, false): fn += 1
      case (false, true): fp += 1
      case (false, false): tn += 1
      }
      let add = flagged ? 1 : 0
      byLabel[row.label, default: (0, 0)].rows += 1
      byLabel[row.label, default: (0, 0)].flagged += add
      let key = CategoryKey(label: row.label, category: row.category)
      byCategory[key, default: (0, 0)].rows += 1
      byCategory[key, default: (0, 0)].flagged += add
      for hit in verdict.hits {
        guard let r = ruleIndex[hit.rule] else { continue }
        if positive {
          positiveHits[r] += 1
        } else {
          negativeHits[r] += 1
          if flagged { falsePositiveHits[r] += 1 }
        }
      }
      if positive != flagged {
        let example = EvaluationReport.Example(
          id: row.id, label: row.label, category: row.category, level: verdict.level, score: verdict.score,
          hits: verdict.hits, excerpt: Self.excerpt(row.text))
        if flagged { falsePositives.append(example) } else { misses.append(example) }
      }
    }

    let overall = EvaluationReport.Summary(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
    let labelOrder = { (a: String, b: String) -> Bool in
      let (pa, pb) = (positiveLabels.contains(a), positiveLabels.contains(b))
      return pa != pb ? pa : a < b
    }
    let labels = byLabel.keys.sorted(by: labelOrder).map { label in
      let counts = byLabel[label] ?? (0, 0)
      return EvaluationReport.LabelRow(
        label: label, positive: positiveLabels.contains(label), rows: counts.rows, flagged: counts.flagged)
    }
    let categories = byCategory.keys.sorted { a, b in
      if a.label != b.label { return labelOrder(a.label, b.label) }
      switch (a.category, b.category) {
      case (nil, nil): return false
      case (nil, .some): return true
      case (.some, nil): return false
      case (let x?, let y?): return x < y
      }
    }.map { key in
      let counts = byCategory[key] ?? (0, 0)
      return EvaluationReport.CategoryRow(
        label: key.label, category: key.category, positive: positiveLabels.contains(key.label), rows: counts.rows,
        flagged: counts.flagged)
    }
    var ruleRows: [EvaluationReport.RuleRow] = []
    var neverFired: [String] = []
    for (r, rule) in rules.enumerated() {
      guard positiveHits[r] + negativeHits[r] > 0 else {
        neverFired.append(rule.name)
        continue
      }
      ruleRows.append(
        EvaluationReport.RuleRow(
          rule: rule.name,
          category: rule.category.flatMap { categoryNames.indices.contains($0) ? categoryNames[$0] : nil },
          score: rule.score, positiveHits: positiveHits[r], negativeHits: negativeHits[r],
          falsePositiveHits: falsePositiveHits[r], positives: overall.positives, negatives: overall.negatives))
    }
    ruleRows.sort { a, b in a.negativeHits != b.negativeHits ? a.negativeHits > b.negativeHits : a.rule < b.rule }

    return EvaluationReport(
      positiveLabels: positiveLabels.sorted(), overall: overall, labels: labels, categories: categories,
      rules: ruleRows, neverFired: neverFired, falsePositives: falsePositives, misses: misses)
  }

  /// The first ``excerptLength`` Unicode scalars of `text`, and `…` when there are more.
  static func excerpt(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let end = scalars.index(scalars.startIndex, offsetBy: excerptLength, limitedBy: scalars.endIndex),
      end != scalars.endIndex
    else { return text }
    return String(scalars[..<end]) + "…"
  }

  /// Classifies every row, in parallel chunks; the verdicts are in the rows' order.
  private func classifyAll(_ rows: [LabeledMessage]) -> [Verdict] {
    let count = rows.count
    let chunk = 64
    let chunks = (count + chunk - 1) / chunk
    let classifier = classifier
    let language = language
    return [Verdict](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let base = buffer.baseAddress else {
        initialized = 0
        return
      }
      // Each iteration initialises its own disjoint range of the buffer, so sharing it is safe.
      nonisolated(unsafe) let slots = base
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        for i in c * chunk..<min(count, (c + 1) * chunk) {
          (slots + i).initialize(to: classifier.classify(rows[i].text, id: rows[i].id, language: language))
        }
      }
      initialized = count
    }
  }
}

/// A (label, category) pair.
private struct CategoryKey: Hashable {
  var label: String
  var category: String?
}
