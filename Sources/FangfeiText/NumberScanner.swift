/// Reads one run of numeral characters and Arabic numbers for ``NumeralConverter`` and
/// evaluates it as a Chinese number, keeping enough facts for the caller to decide whether
/// the run really is a number.
struct NumberScanner {
  let scalars: UnsafeBufferPointer<UInt32>
  let start: Int
  /// Whether a trailing `点` + digits is a decimal fraction (percent arguments). Otherwise a
  /// decimal point is read only before 万 or 亿 (`三点五万`).
  let allowsDecimalPoint: Bool

  /// The end of the run (exclusive).
  private(set) var end: Int
  /// Numeral tokens read (a whole Arabic number counts as one).
  private(set) var tokens = 0
  private(set) var units = 0
  private(set) var chineseDigits = 0
  private(set) var arabicTokens = 0
  private(set) var zeros = 0
  private(set) var decimals = 0
  /// Set when the run is not a well-formed number (or overflows).
  private(set) var invalid = false
  /// Whether every token is a single Chinese digit or zero (a digit string like 二〇二三).
  private(set) var isPositional = true
  /// The digit string read positionally (meaningful when ``isPositional``).
  private(set) var positional: Int64 = 0
  /// The last digit not yet multiplied by a unit (scaled), or -1.
  private(set) var pending: Int64 = -1
  private(set) var pendingStart = 0
  /// When the pending digit directly follows 百/千/万/亿 (`三千五`), that unit.
  private(set) var abbreviationUnit: Int64 = 0

  private var yi: Int64 = 0
  private var wan: Int64 = 0
  private var section: Int64 = 0
  private var hasYi = false
  private var hasWan = false
  private var lastSmallUnit: Int64 = 0
  private var lastDigit: Int64 = -1
  private var previousUnit: Int64 = 0
  private var zeroSinceUnit = false
  private var approximated = false

  init(scalars: UnsafeBufferPointer<UInt32>, start: Int, allowsDecimalPoint: Bool) {
    self.scalars = scalars
    self.start = start
    self.allowsDecimalPoint = allowsDecimalPoint
    self.end = start
  }

  /// The value of everything multiplied by a unit so far (scaled), without ``pending``.
  var total: Int64 {
    let (partial, o1) = yi.addingReportingOverflow(wan)
    let (sum, o2) = partial.addingReportingOverflow(section)
    return o1 || o2 ? 0 : sum
  }

  /// Reads the run starting at ``start``.
  mutating func run() {
    let count = scalars.count
    var index = start
    scanning: while index < count {
      let value = scalars[index]
      if NumeralConverter.isASCIIDigit(value) {
        let arabic = NumeralConverter.scanArabic(scalars, from: index)
        if !arabic.valid || pending >= 0 { invalid = true }
        abbreviationUnit =
          previousUnit >= 100 && !zeroSinceUnit && arabic.end - index == 1 ? previousUnit : 0
        pending = arabic.value
        pendingStart = index
        arabicTokens += 1
        tokens += 1
        isPositional = false
        lastDigit = -1
        previousUnit = 0
        index = arabic.end
        if tokens == 1 && NumeralConverter.isMultiplierW(scalars, numberStart: start, w: index) {
          applyBigUnit(10_000)
          units += 1
          tokens += 1
          index += 1
          break scanning
        }
        continue
      }
      if value == ChineseNumeral.dian && tokens > 0 && decimals == 0 {
        guard let next = readDecimals(after: index) else { break scanning }
        index = next
        if allowsDecimalPoint { break scanning }
        continue
      }
      guard let kind = ChineseNumeral.kind(value) else { break scanning }
      switch kind {
      case .digit(let digit):
        if pending >= 0 {
          if !approximated && lastDigit >= 0 && digit == lastDigit + 1 && index + 1 < count
            && ChineseNumeral.isUnit(scalars[index + 1])
          {
            // 三四百, 十七八万: an approximate range; keep the lower bound.
            approximated = true
            isPositional = false
            tokens += 1
            chineseDigits += 1
            lastDigit = digit
            index += 1
            continue scanning
          }
          invalid = true
        }
        abbreviationUnit = previousUnit >= 100 && !zeroSinceUnit ? previousUnit : 0
        pending = digit * NumeralConverter.scale
        pendingStart = index
        lastDigit = digit
        chineseDigits += 1
        if tokens < 18 { positional = positional * 10 + digit }
        previousUnit = 0
      case .zero:
        if tokens == 0 {
          pending = 0
          pendingStart = index
        } else if pending >= 0 {
          invalid = true  // a digit string such as 二〇: only positional
        }
        zeros += 1
        zeroSinceUnit = true
        if tokens < 18 { positional *= 10 }
        lastDigit = -1
        previousUnit = 0
      case .unit(let unit):
        isPositional = false
        applyUnit(unit)
        units += 1
        previousUnit = unit
        zeroSinceUnit = false
        lastDigit = -1
      }
      tokens += 1
      index += 1
    }
    end = index
  }

  /// Reads `点` + Chinese digits at `point`. Returns the index after them, or `nil` when
  /// they are not a decimal fraction here.
  private mutating func readDecimals(after point: Int) -> Int? {
    let count = scalars.count
    var index = point + 1
    var fraction: Int64 = 0
    var place = NumeralConverter.scale / 10
    var digits = 0
    while index < count {
      let digit: Int64
      switch ChineseNumeral.kind(scalars[index]) {
      case .digit(let value): digit = value
      case .zero: digit = 0
      default: digit = -1
      }
      if digit < 0 { break }
      fraction += digit * place
      place /= 10
      digits += 1
      index += 1
      if place == 0 { break }
    }
    guard digits > 0 else { return nil }
    if !allowsDecimalPoint {
      // Only 三点五万 / 二点五亿: a decimal needs a large unit after it.
      guard index < count, case .unit(let unit) = ChineseNumeral.kind(scalars[index]),
        unit >= 10_000
      else { return nil }
    }
    pending = max(pending, 0) + fraction
    decimals = digits
    abbreviationUnit = 0
    isPositional = false
    lastDigit = -1
    return index
  }

  private mutating func applyUnit(_ unit: Int64) {
    guard unit < 10_000 else {
      applyBigUnit(unit)
      return
    }
    var multiplier = pending
    if multiplier < 0 {
      if tokens == 0 && unit == 10 {
        multiplier = NumeralConverter.scale  // 十二 = 12
      } else {
        invalid = true  // 百万, 千万, 万一: a unit without a digit
        multiplier = 0
      }
    }
    if lastSmallUnit != 0 && unit >= lastSmallUnit { invalid = true }
    section = checkedAdd(section, checkedMultiply(multiplier, unit))
    lastSmallUnit = unit
    pending = -1
  }

  private mutating func applyBigUnit(_ unit: Int64) {
    if unit == 10_000 {
      if hasWan || (section == 0 && pending < 0) { invalid = true }
      wan = checkedMultiply(checkedAdd(section, max(pending, 0)), unit)
      hasWan = true
    } else {
      if hasYi || (wan == 0 && section == 0 && pending < 0) { invalid = true }
      yi = checkedMultiply(checkedAdd(checkedAdd(wan, section), max(pending, 0)), unit)
      hasYi = true
      wan = 0
      hasWan = false
    }
    section = 0
    lastSmallUnit = 0
    pending = -1
  }

  private mutating func checkedAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { invalid = true }
    return overflow ? 0 : sum
  }

  private mutating func checkedMultiply(_ a: Int64, _ b: Int64) -> Int64 {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    if overflow { invalid = true }
    return overflow ? 0 : product
  }
}
