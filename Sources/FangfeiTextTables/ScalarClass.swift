/// Bit flags describing how the context-sensitive steps (5 and 6) treat a scalar.
///
/// The flags are inlinable constants: the normaliser's inner loop tests them for every scalar.
///
/// The type is `public` (its members are `package`) only so that the compiler serialises the
/// bodies of its `@inlinable` members for FangfeiText's inner loop: Swift 6.3 does not inline
/// `@inlinable` members of a `package` type into another module. The target is no product.
public enum ScalarClass {
  /// A Han ideograph (CJK unified or compatibility ideograph, or 〇), or an emoji that stands
  /// for a word (`UnicodeData.wordEmoji`).
  @inlinable package static var han: UInt8 { 1 << 0 }
  /// An ASCII digit 0-9.
  @inlinable package static var digit: UInt8 { 1 << 1 }
  /// Horizontal white space (not a line break).
  @inlinable package static var space: UInt8 { 1 << 2 }
  /// Separator punctuation such as `-_.·•*~|/\` and their full-width forms.
  @inlinable package static var separator: UInt8 { 1 << 3 }
  /// An emoji or pictograph, or a piece of an emoji sequence (ZWJ, modifiers, keycap).
  @inlinable package static var emoji: UInt8 { 1 << 4 }
  /// `%` (the right neighbour of a digit across spaces).
  @inlinable package static var percent: UInt8 { 1 << 5 }
  /// A Chinese numeral character (digit or unit), one of ``numeralCharacters``.
  @inlinable package static var numeral: UInt8 { 1 << 6 }
  /// `[`, which may open a chat-app emoticon code (`[微笑]`, `[em]e166[/em]`) that step 5
  /// removes. Only the flag matters: it takes `[` off the normaliser's fast path.
  @inlinable package static var bracket: UInt8 { 1 << 7 }

  /// Any noise that step 5 may drop.
  @inlinable package static var noise: UInt8 { space | separator | emoji }

  /// Whether `value` is a Han ideograph by code point range.
  @inlinable @inline(__always)
  package static func isHan(_ value: UInt32) -> Bool {
    if value &- 0x4E00 < 0x5200 { return true }  // U+4E00...U+9FFF
    if value < 0x3400 { return value == 0x3007 }
    if value < 0x4DC0 { return true }  // U+3400...U+4DBF extension A
    if value &- 0xF900 < 0x200 { return true }  // compatibility ideographs
    return value &- 0x20000 < 0x20000  // planes 2 and 3: extensions B...J and supplement
  }

  /// Every Chinese numeral character step 6 understands (simplified, traditional and financial
  /// forms), which get the ``numeral`` class. FangfeiText's `ChineseNumeral.kind` gives their
  /// meaning and must cover exactly these.
  package static let numeralCharacters: [UInt32] = [
    0x3007, 0x96F6,  // 〇 零
    0x4E00, 0x58F9, 0x5F0C,  // 一 壹 弌
    0x4E8C, 0x8D30, 0x8CB3, 0x4E24, 0x5169, 0x5F0D,  // 二 贰 貳 两 兩 弍
    0x4E09, 0x53C1, 0x53C4, 0x5F0E,  // 三 叁 叄 弎
    0x56DB, 0x8086,  // 四 肆
    0x4E94, 0x4F0D,  // 五 伍
    0x516D, 0x9646, 0x9678,  // 六 陆 陸
    0x4E03, 0x67D2,  // 七 柒
    0x516B, 0x634C,  // 八 捌
    0x4E5D, 0x7396,  // 九 玖
    0x5341, 0x62FE,  // 十 拾
    0x767E, 0x4F70,  // 百 佰
    0x5343, 0x4EDF,  // 千 仟
    0x4E07, 0x842C,  // 万 萬
    0x4EBF, 0x5104,  // 亿 億
  ]
}
