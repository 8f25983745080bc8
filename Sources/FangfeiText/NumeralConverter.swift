internal import FangfeiTextTables

/// Step 6: reads a Chinese or mixed Chinese/Arabic numeral in a window of normalised
/// scalars and writes it with Arabic digits.
///
/// The rules are deliberately conservative (a wrong conversion can create a false positive):
/// - a run of numeral characters with a unit is converted when it parses as a well-formed
///   number: `二十万` → `200000`, `三千五` → `3500` (a trailing digit after 百/千/万/亿 is
///   the next lower place), `一亿三千万` → `130000000`, `3万` / `1w` / `3.5万` / `8佰`;
/// - an approximate range takes its lower bound: `三四百` → `300`, `十七八万` → `170000`;
/// - a lone digit (`一`…`九`, `两`, or `十`) is converted only before a measure word such
///   as 成 倍 折 分 厘 元 块 年 月 天 期 (`三成` → `3成`, `月息三分` → `月息3分`), and not after
///   characters that make it part of a word (`统一`, `唯一`, `之一`), nor `十分` (very);
/// - `百分之X` → `X%`, `千分之X` → `X/10 %`, `万分之X` → `X/100 %`, `百分百` → `100%`;
/// - fractions (`三分之一`), vague amounts (`几十万`, `数百`), runs that start with a unit
///   (`万一`, `千万`, `百万`), idioms that do not parse (`一五一十`, `三三两两`) and digit
///   strings without units are left alone, except four-digit years before `年`
///   (`二〇二三年` → `2023年`).
enum NumeralConverter {
  /// Fixed-point scale of the values (six decimal places).
  static let scale: Int64 = 1_000_000

  /// The result of ``convert(_:at:output:)``.
  enum Outcome {
    /// The scalars `start..<end` are replaced by the ASCII bytes in `output`.
    case converted(end: Int)
    /// The scalars `start..<end` are kept as they are (and need not be examined again).
    case unchanged(end: Int)
  }

  /// Examines the numeral starting at `start` (an ASCII digit or a Chinese numeral
  /// character). `output` is overwritten on success.
  static func convert(
    _ scalars: UnsafeBufferPointer<UInt32>, at start: Int, output: inout [UInt8]
  ) -> Outcome {
    let count = scalars.count
    let first = scalars[start]
    if isASCIIDigit(first) {
      let arabic = scanArabic(scalars, from: start)
      guard arabic.end < count else { return .unchanged(end: arabic.end) }
      let next = scalars[arabic.end]
      if !ChineseNumeral.isUnit(next) && !isMultiplierW(scalars, numberStart: start, w: arabic.end) {
        return .unchanged(end: arabic.end)
      }
    } else if start > 0 && ChineseNumeral.isVaguePrefix(scalars[start - 1]) {
      return .unchanged(end: runEnd(scalars, from: start))
    } else if let percent = convertPercent(scalars, at: start, output: &output) {
      return percent
    }
    return convertNumber(scalars, at: start, output: &output)
  }

  // MARK: - Numbers

  private static func convertNumber(
    _ scalars: UnsafeBufferPointer<UInt32>, at start: Int, output: inout [UInt8]
  ) -> Outcome {
    let count = scalars.count
    var scan = NumberScanner(scalars: scalars, start: start, allowsDecimalPoint: false)
    scan.run()
    var end = scan.end
    if end + 1 < count && scalars[end] == ChineseNumeral.fen
      && scalars[end + 1] == ChineseNumeral.zhi
    {
      return .unchanged(end: end)  // a fraction such as 三分之一 or 二十分之一
    }
    if scan.units == 0 {
      if scan.arabicTokens == 0 && scan.tokens == 4 && scan.isPositional && end < count
        && scalars[end] == ChineseNumeral.nian
      {
        output.removeAll(keepingCapacity: true)
        appendDigits(of: scan.positional, minimumDigits: 4, to: &output)
        return .converted(end: end)
      }
      if scan.tokens == 1 && scan.chineseDigits == 1 && isLoneDigitContext(scalars, start, end) {
        output.removeAll(keepingCapacity: true)
        appendScaled(scan.pending, to: &output)
        return .converted(end: end)
      }
      return .unchanged(end: end)
    }
    if scan.invalid { return .unchanged(end: end) }
    if scan.tokens == 1 {
      // A lone 十: a number only before a measure word, and 十分 means "very".
      guard isLoneDigitContext(scalars, start, end), scalars[end] != ChineseNumeral.fen else {
        return .unchanged(end: end)
      }
    }
    var total = scan.total
    if scan.pending >= 0 {
      var contribution = scan.pending
      if scan.abbreviationUnit > 0 {
        // 三千五 = 3500: the trailing digit counts in the next lower place. A trailing 一
        // may instead start a word (3万一起, 投了一万一分没赚); then it is left out.
        let next: UInt32? = end < count ? scalars[end] : nil
        let wordRisk =
          scan.pending == scale
          && next.map { ScalarClass.isHan($0) && !ChineseNumeral.mayFollowAbbreviation($0) }
            == true
        if wordRisk {
          contribution = 0
          end = scan.pendingStart
        } else {
          let (product, overflow) = (scan.pending / 10).multipliedReportingOverflow(
            by: scan.abbreviationUnit)
          if overflow { return .unchanged(end: end) }
          contribution = product
        }
      }
      let (sum, overflow) = total.addingReportingOverflow(contribution)
      if overflow { return .unchanged(end: end) }
      total = sum
    }
    output.removeAll(keepingCapacity: true)
    appendScaled(total, to: &output)
    return .converted(end: end)
  }

  /// Whether a lone digit (or 十) at `start..<end` is followed by a measure word and not
  /// preceded by a character that makes it part of a word.
  private static func isLoneDigitContext(
    _ scalars: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int
  ) -> Bool {
    let count = scalars.count
    guard end < count else { return false }
    if start > 0 && isWordPrefix(scalars[start - 1]) { return false }
    let next = scalars[end]
    if next == ChineseNumeral.fen {
      return !(end + 1 < count && scalars[end + 1] == ChineseNumeral.zhi)
    }
    if next == ChineseNumeral.ge {
      return end + 1 < count && ChineseNumeral.isFollowerAfterGe(scalars[end + 1])
    }
    return ChineseNumeral.isFollower(next)
  }

  /// Characters that form words with a following digit (统一, 唯一, 同一, 之一, 不一, 周一 …).
  private static func isWordPrefix(_ value: UInt32) -> Bool {
    switch value {
    case 0x7EDF, 0x552F, 0x540C, 0x4E13, 0x5355, 0x4E4B, 0x5212, 0x9010:  // 统 唯 同 专 单 之 划 逐
      return true
    case 0x6574, 0x521D, 0x5468, 0x62DC, 0x671F, 0x67D0, 0x4EFB, 0x5408:  // 整 初 周 拜 期 某 任 合
      return true
    case 0x5F52, 0x7EAF, 0x4E0D, 0x72EC, 0x5747, 0x9F50, 0x5982, 0x53E6:  // 归 纯 不 独 均 齐 如 另
      return true
    default:
      return false
    }
  }

  // MARK: - Percentages

  /// `百分之X`, `千分之X`, `万分之X` and `百分百`; `nil` when `start` begins none of them.
  private static func convertPercent(
    _ scalars: UnsafeBufferPointer<UInt32>, at start: Int, output: inout [UInt8]
  ) -> Outcome? {
    let count = scalars.count
    guard start + 2 < count, scalars[start + 1] == ChineseNumeral.fen,
      case .unit(let unit) = ChineseNumeral.kind(scalars[start]),
      unit == 100 || unit == 1000 || unit == 10_000
    else { return nil }
    let third = scalars[start + 2]
    if unit == 100, case .unit(100) = ChineseNumeral.kind(third) {
      output.removeAll(keepingCapacity: true)
      output.append(contentsOf: [0x31, 0x30, 0x30, 0x25])  // 100%
      return .converted(end: start + 3)
    }
    guard third == ChineseNumeral.zhi, start + 3 < count else { return nil }
    let argument = start + 3
    var value: Int64
    var end: Int
    if isASCIIDigit(scalars[argument]) {
      let arabic = scanArabic(scalars, from: argument)
      guard arabic.valid else { return nil }
      value = arabic.value
      end = arabic.end
    } else if case .unit(100) = ChineseNumeral.kind(scalars[argument]),
      !(argument + 1 < count && ChineseNumeral.kind(scalars[argument + 1]) != nil)
    {
      value = 100 * scale  // 百分之百
      end = argument + 1
    } else {
      var scan = NumberScanner(scalars: scalars, start: argument, allowsDecimalPoint: true)
      scan.run()
      guard scan.tokens > 0, !scan.invalid, scan.arabicTokens == 0,
        scan.units > 0 || scan.tokens == 1 || scan.decimals > 0
      else { return nil }
      guard scan.units > 0 || scan.chineseDigits == 1 || scan.zeros == 1 else { return nil }
      let (sum, overflow) = scan.total.addingReportingOverflow(max(scan.pending, 0))
      if overflow { return nil }
      value = sum
      end = scan.end
    }
    let divisor: Int64 = unit == 100 ? 1 : (unit == 1000 ? 10 : 100)
    guard value % divisor == 0 else { return nil }
    value /= divisor
    output.removeAll(keepingCapacity: true)
    appendScaled(value, to: &output)
    output.append(0x25)
    return .converted(end: end)
  }

  // MARK: - Scanning helpers

  @inline(__always)
  static func isASCIIDigit(_ value: UInt32) -> Bool { value &- 0x30 < 10 }

  @inline(__always)
  static func isASCIILetter(_ value: UInt32) -> Bool { (value | 0x20) &- 0x61 < 26 }

  /// The end of the maximal run of numeral characters and ASCII digits from `start`.
  static func runEnd(_ scalars: UnsafeBufferPointer<UInt32>, from start: Int) -> Int {
    var end = start
    while end < scalars.count
      && (isASCIIDigit(scalars[end]) || ChineseNumeral.kind(scalars[end]) != nil)
    {
      end += 1
    }
    return end
  }

  /// Whether `w` (the index right after the Arabic number starting at `numberStart`) holds a
  /// `w`/`W` that multiplies by 万: not inside a Latin word (`mp3w`, `5wifi`).
  static func isMultiplierW(
    _ scalars: UnsafeBufferPointer<UInt32>, numberStart: Int, w: Int
  ) -> Bool {
    guard w < scalars.count, scalars[w] | 0x20 == 0x77 else { return false }
    if numberStart > 0 && isASCIILetter(scalars[numberStart - 1]) { return false }
    if w + 1 < scalars.count {
      let next = scalars[w + 1]
      if isASCIILetter(next) || isASCIIDigit(next) { return false }
    }
    return true
  }

  /// An Arabic number: digits, optional `,ddd` thousands groups, optional `.ddd` decimals
  /// (at most six). `value` is scaled by ``scale``.
  static func scanArabic(
    _ scalars: UnsafeBufferPointer<UInt32>, from start: Int
  ) -> (value: Int64, end: Int, valid: Bool) {
    let count = scalars.count
    var integer: Int64 = 0
    var valid = true
    var end = start
    func addDigit(_ digit: UInt32) {
      let (shifted, o1) = integer.multipliedReportingOverflow(by: 10)
      let (sum, o2) = shifted.addingReportingOverflow(Int64(digit))
      if o1 || o2 || sum > Int64.max / scale { valid = false } else { integer = sum }
    }
    while end < count && isASCIIDigit(scalars[end]) {
      addDigit(scalars[end] - 0x30)
      end += 1
    }
    // Thousands separators: ",ddd" followed by a non-digit.
    while end + 3 < count && scalars[end] == 0x2C && isASCIIDigit(scalars[end + 1])
      && isASCIIDigit(scalars[end + 2]) && isASCIIDigit(scalars[end + 3])
      && !(end + 4 < count && isASCIIDigit(scalars[end + 4]))
    {
      for offset in 1...3 { addDigit(scalars[end + offset] - 0x30) }
      end += 4
    }
    var fraction: Int64 = 0
    if end + 1 < count && scalars[end] == 0x2E && isASCIIDigit(scalars[end + 1]) {
      end += 1
      var place = scale / 10
      while end < count && isASCIIDigit(scalars[end]) {
        if place == 0 { valid = false } else { fraction += Int64(scalars[end] - 0x30) * place }
        place /= 10
        end += 1
      }
    }
    let (scaled, overflow) = integer.multipliedReportingOverflow(by: scale)
    if overflow { valid = false }
    return (valid ? scaled + fraction : 0, end, valid)
  }

  // MARK: - Output

  /// Appends a scaled value as decimal digits (fraction trimmed of trailing zeros).
  static func appendScaled(_ value: Int64, to output: inout [UInt8]) {
    appendDigits(of: value / scale, minimumDigits: 1, to: &output)
    var fraction = value % scale
    guard fraction > 0 else { return }
    output.append(0x2E)
    var place = scale / 10
    while fraction > 0 && place > 0 {
      output.append(UInt8(truncatingIfNeeded: 0x30 + fraction / place))
      fraction %= place
      place /= 10
    }
  }

  static func appendDigits(of value: Int64, minimumDigits: Int, to output: inout [UInt8]) {
    var divisor: Int64 = 1
    var digits = 1
    while value / divisor >= 10 {
      divisor *= 10
      digits += 1
    }
    for _ in digits..<max(digits, minimumDigits) { output.append(0x30) }
    while divisor > 0 {
      output.append(UInt8(truncatingIfNeeded: 0x30 + (value / divisor) % 10))
      divisor /= 10
    }
  }
}
