import Foundation

extension EvaluationReport {
  /// The report for people, in aligned columns (Chinese characters count two columns): the
  /// overall line, the flagged share per label and per category, the rules that fired — by hits
  /// on negatives, then by name — the rules that never fired, then the false positives and the
  /// misses with the quotes that fired on them.
  ///
  /// - Parameter limit: How many false positives and how many misses to print (each list says
  ///   how many there are in all).
  public func text(showing limit: Int = 20) -> String {
    var out = summaryLine + "\n"

    out += "\nby label\n"
    out += table(
      ["label", "rows", "flagged", "rate"],
      labels.map { [$0.label + ($0.positive ? " (+)" : ""), "\($0.rows)", "\($0.flagged)", percent($0.flaggedRate)] },
      right: [1, 2, 3])

    out += "\nby category\n"
    out += table(
      ["label", "category", "rows", "flagged", "rate"],
      categories.map {
        [
          $0.label + ($0.positive ? " (+)" : ""), $0.category ?? "-", "\($0.rows)", "\($0.flagged)",
          percent($0.flaggedRate),
        ]
      },
      right: [2, 3, 4])

    out +=
      "\nrules (hits on positive and negative rows; S/O = share of hits on positives; in FPs = on false positives)\n"
    if rules.isEmpty {
      out += "  no rule fired\n"
    } else {
      out += table(
        ["rule", "category", "score", "positives", "negatives", "S/O", "in FPs"],
        rules.map {
          [
            $0.rule, $0.category ?? "-", number($0.score), "\($0.positiveHits)", "\($0.negativeHits)",
            String(format: "%.2f", $0.soRatio), "\($0.falsePositiveHits)",
          ]
        },
        right: [2, 3, 4, 5, 6])
    }

    out += "\nnever fired (\(neverFired.count))"
    out += neverFired.isEmpty ? "\n" : ":\n" + wrapped(neverFired, indent: "  ", width: 100)

    out += examples("false positives", falsePositives, limit: limit)
    out += examples("misses", misses, limit: limit)
    return out
  }

  /// `overall: N rows (P positive: scam; N negative) | TP … FP … TN … FN … | precision …, recall …,
  /// F1 …, FPR …`.
  public var summaryLine: String {
    let o = overall
    return "overall: \(o.rows) rows (\(o.positives) positive: \(positiveLabels.joined(separator: ", ")); "
      + "\(o.negatives) negative) | TP \(o.truePositives), FP \(o.falsePositives), TN \(o.trueNegatives), "
      + "FN \(o.falseNegatives) | precision \(percent(o.precision)), recall \(percent(o.recall)), "
      + "F1 \(percent(o.f1)), FPR \(percent(o.falsePositiveRate, digits: 2))"
  }

  private func examples(_ title: String, _ list: [Example], limit: Int) -> String {
    let shown = list.prefix(max(0, limit))
    var out = "\n\(title): \(list.count)"
    out += shown.count < list.count ? " (showing the first \(shown.count))\n" : "\n"
    for e in shown {
      out += "  \(e.id)  \(e.label)\(e.category.map { "/\($0)" } ?? "")  \(e.level.rawValue) \(number(e.score))"
      out += "  «\(oneLine(e.excerpt))»\n"
      if !e.hits.isEmpty {
        let hits = e.hits.map { hit in hit.rule + (hit.match.map { "「\(oneLine($0))」" } ?? "") }
        out += wrapped(hits, indent: "      ", width: 100, separator: " ")
      }
    }
    return out
  }
}

/// A rate as a percentage with `digits` decimals, or `n/a` when undefined.
private func percent(_ value: Double?, digits: Int = 1) -> String {
  guard let value else { return "n/a" }
  return String(format: "%.\(digits)f%%", value * 100)
}

/// A score: `4`, `-2`, `2.5`.
private func number(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
}

/// Text on one line: newlines and tabs become spaces.
private func oneLine(_ text: String) -> String {
  String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
}

/// Rows in columns two spaces apart, indented two spaces; `right` columns are right-aligned.
private func table(_ header: [String], _ rows: [[String]], right: Set<Int>) -> String {
  let all = [header] + rows
  var widths = Array(repeating: 0, count: header.count)
  for row in all {
    for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(cell)) }
  }
  var out = ""
  for row in all {
    var line = ""
    for (i, cell) in row.enumerated() where i < widths.count {
      let pad = String(repeating: " ", count: widths[i] - displayWidth(cell))
      line += "  " + (right.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad))
    }
    out += line + "\n"
  }
  return out
}

/// Items joined by `separator`, wrapped at about `width` columns, each line indented.
private func wrapped(_ items: [String], indent: String, width: Int, separator: String = ", ") -> String {
  var out = ""
  var line = indent
  for (i, item) in items.enumerated() {
    let piece = item + (i < items.count - 1 ? separator.trimmingCharacters(in: .whitespaces) : "")
    if line != indent, displayWidth(line) + 1 + displayWidth(piece) > width {
      out += line + "\n"
      line = indent
    }
    line += (line == indent ? "" : " ") + piece
  }
  return out + line + "\n"
}

/// Terminal columns of `text`: East Asian wide and full-width characters count two, combining
/// marks none, everything else one.
private func displayWidth(_ text: String) -> Int {
  var width = 0
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: continue
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      width += 2
    default: width += 1
    }
  }
  return width
}
