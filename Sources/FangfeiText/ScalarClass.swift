/// Bit flags describing how the context-sensitive steps (5 and 6) treat a scalar.
enum ScalarClass {
  /// A Han ideograph (CJK unified or compatibility ideograph, or 〇).
  static let han: UInt8 = 1 << 0
  /// An ASCII digit 0-9.
  static let digit: UInt8 = 1 << 1
  /// Horizontal white space (not a line break).
  static let space: UInt8 = 1 << 2
  /// Separator punctuation such as `-_.·•*~|/\` and their full-width forms.
  static let separator: UInt8 = 1 << 3
  /// An emoji or pictograph, or a piece of an emoji sequence (ZWJ, modifiers, keycap).
  static let emoji: UInt8 = 1 << 4
  /// `%` (the right neighbour of a digit across spaces).
  static let percent: UInt8 = 1 << 5
  /// A Chinese numeral character (digit or unit), see ``ChineseNumeral``.
  static let numeral: UInt8 = 1 << 6

  /// Any noise that step 5 may drop.
  static let noise: UInt8 = space | separator | emoji

  /// Whether `value` is a Han ideograph by code point range.
  @inline(__always)
  static func isHan(_ value: UInt32) -> Bool {
    if value &- 0x4E00 < 0x5200 { return true }  // U+4E00...U+9FFF
    if value < 0x3400 { return value == 0x3007 }
    if value < 0x4DC0 { return true }  // U+3400...U+4DBF extension A
    if value &- 0xF900 < 0x200 { return true }  // compatibility ideographs
    return value &- 0x20000 < 0x20000  // planes 2 and 3: extensions B...J and supplement
  }
}
