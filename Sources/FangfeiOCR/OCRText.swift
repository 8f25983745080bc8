/// Tidies Tesseract's text for showing (the verdict is computed on the tidied text, so its spans
/// point into exactly what the user sees).
///
/// Fangfei's normaliser already matches through the spaces Tesseract puts between Chinese
/// characters and inside numbers (`年 化 1 8 %` is found as `年化18%`); the spaces between Chinese
/// characters and punctuation are removed only because they read badly. Spaces next to digits
/// and Latin letters stay: they may be real.
///
/// One fix matters for the verdict: chi_sim often reads a curly quotation mark as a straight one
/// (`“稳赚不赔"`), and a slogan inside unpaired quotes no longer counts as quoted, so an anti-fraud
/// poster that quotes it turns "suspicious". In lines with Chinese text, straight double quotes
/// become the curly mark that pairs with the quotes before them.
enum OCRText {
  /// One line per text line, without empty lines, leading or trailing whitespace, or spaces
  /// between two Chinese characters (or CJK punctuation).
  static func tidy(_ raw: String) -> String {
    var lines: [String] = []
    for line in raw.split(whereSeparator: \.isNewline) {
      let scalars = Array(line.unicodeScalars)
      var out = String.UnicodeScalarView()
      var i = 0
      while i < scalars.count {
        let scalar = scalars[i]
        guard isSpace(scalar) else {
          out.append(scalar)
          i += 1
          continue
        }
        var end = i
        while end < scalars.count && isSpace(scalars[end]) { end += 1 }
        // Leading and trailing runs go; a run between two CJK characters goes; others stay.
        let between = i > 0 && end < scalars.count
        if between && !(isCJK(scalars[i - 1]) && isCJK(scalars[end])) {
          out.append(contentsOf: scalars[i..<end])
        }
        i = end
      }
      if !out.isEmpty { lines.append(String(pairingQuotes(out))) }
    }
    return lines.joined(separator: "\n")
  }

  /// `line` with each straight double quote `"` replaced by “ or ”, whichever pairs with the
  /// quotation marks before it — only in lines with CJK text.
  static func pairingQuotes(_ line: String.UnicodeScalarView) -> String.UnicodeScalarView {
    guard line.contains("\""), line.contains(where: isCJK) else { return line }
    var out = String.UnicodeScalarView()
    var open = false
    for scalar in line {
      switch scalar {
      case "\u{201C}":
        open = true
        out.append(scalar)
      case "\u{201D}":
        open = false
        out.append(scalar)
      case "\"":
        out.append(open ? "\u{201D}" : "\u{201C}")
        open.toggle()
      default:
        out.append(scalar)
      }
    }
    return out
  }

  /// True for spaces and tabs (including the ideographic space).
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{A0}"
  }

  /// True for Han characters, CJK symbols and punctuation, and full-width forms.
  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2E80...0x2FDF, 0x3001...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF01...0xFF60,
      0x20000...0x3FFFF:
      return true
    default:
      return false
    }
  }

  /// True when `text` holds a letter, digit or Han character (not only punctuation or nothing).
  static func hasWords(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  }
}
