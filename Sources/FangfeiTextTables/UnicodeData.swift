import Foundation

/// Per-scalar Unicode data the normaliser needs (independent of the options): derived from the
/// standard library's Unicode properties and Foundation's NFKC by ``derive()`` (about 0.1 s),
/// which the `NormalizerTablesTool` does at build time; at run time the normaliser reads the
/// result from the embedded ``TableArchive``.
package struct UnicodeData: Sendable {
  /// Scalars whose NFKC form (of the scalar alone) differs from the scalar.
  package let compatibilityMappings: [(scalar: UInt32, mapping: [UInt32])]
  /// Scalars whose lower-case mapping differs from the scalar.
  package let lowercaseMappings: [(scalar: UInt32, mapping: [UInt32])]
  /// Invisible format characters removed by step 3.
  package let formatScalars: [UInt32]
  /// Scalars that can combine with what precedes them under NFC (non-zero combining class,
  /// marks, Hangul medial and final jamo): NFKC must see them together with their base.
  package let combiningScalars: [UInt32]
  /// Classes for steps 5 and 6 (``ScalarClass`` bits).
  package let classes: PagedTable<UInt8>

  /// The scalar ranges whose properties are examined: planes 0 and 1, the CJK compatibility
  /// supplement, and tags and variation selectors in plane 14. (Other planes hold no
  /// compatibility, case or format characters.)
  package static let examinedRanges: [ClosedRange<UInt32>] = [
    0...0x1FFFF, 0x2F800...0x2FA1F, 0xE0000...0xE0FFF,
  ]

  /// Data from its parts (as read from a ``TableArchive``).
  package init(
    compatibilityMappings: [(scalar: UInt32, mapping: [UInt32])],
    lowercaseMappings: [(scalar: UInt32, mapping: [UInt32])],
    formatScalars: [UInt32], combiningScalars: [UInt32], classes: PagedTable<UInt8>
  ) {
    self.compatibilityMappings = compatibilityMappings
    self.lowercaseMappings = lowercaseMappings
    self.formatScalars = formatScalars
    self.combiningScalars = combiningScalars
    self.classes = classes
  }

  /// Derives the data from the Unicode properties of the standard library and Foundation's
  /// NFKC (about 0.1 s in an optimised build).
  package static func derive() -> UnicodeData { UnicodeData() }

  private init() {
    var compatibility: [(UInt32, [UInt32])] = []
    var lowercase: [(UInt32, [UInt32])] = []
    var format: [UInt32] = []
    var combining: [UInt32] = []
    var classes = PagedTable<UInt8>()

    for range in Self.examinedRanges {
      for value in range {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let properties = scalar.properties
        if Self.isFormat(scalar) { format.append(value) }
        if Self.isCombining(scalar) {
          combining.append(value)
        } else if properties.changesWhenNFKCCaseFolded {
          let nfkc = Array(
            String(Character(scalar)).precomposedStringWithCompatibilityMapping.unicodeScalars
          ).map(\.value)
          if nfkc != [value] { compatibility.append((value, nfkc)) }
        }
        if properties.changesWhenLowercased {
          let lower = properties.lowercaseMapping.unicodeScalars.map(\.value)
          if lower != [value] { lowercase.append((value, lower)) }
        }
        let bits = Self.classBits(scalar)
        if bits != 0 { classes.set(value, bits) }
      }
    }
    // Han ideographs outside the examined ranges (planes 2 and 3).
    for value: UInt32 in 0x20000...0x3FFFF { classes.set(value, ScalarClass.han) }
    for numeral in ScalarClass.numeralCharacters {
      classes.insert(ScalarClass.numeral, for: numeral)
    }
    compatibility.removeAll { addition in Self.compatibilityAdditions.contains { $0.scalar == addition.0 } }
    compatibility.append(contentsOf: Self.compatibilityAdditions.map { ($0.scalar, $0.mapping) })
    compatibility.sort { $0.0 < $1.0 }
    compatibilityMappings = compatibility
    lowercaseMappings = lowercase
    formatScalars = format
    combiningScalars = combining
    self.classes = classes
  }

  /// What step 1 adds to NFKC: symbols that stand for a plain character in scam posts and
  /// that NFKC leaves alone. U+20E3 COMBINING ENCLOSING KEYCAP is removed, so that a keycap
  /// digit is the digit (`1️⃣5️⃣0️⃣` → `150`, as NFKC makes `①⑤⓪` `150`; the U+FE0F inside the
  /// keycap goes with step 3). U+2795 HEAVY PLUS SIGN becomes `+`, as NFKC makes `＋` and `﹢`
  /// `+`: `➕v`, `➕微信`, `的➕` are how posts write 加, and the rules read `+` as 加 there.
  package static let compatibilityAdditions: [(scalar: UInt32, mapping: [UInt32])] = [
    (0x20E3, []),
    (0x2795, [0x2B]),
  ]

  /// Step 3's set: default-ignorable code points (ZWSP, ZWNJ, ZWJ, LRM/RLM, bidi controls,
  /// word joiner and invisible operators, BOM, soft hyphen, variation selectors, tags,
  /// Hangul fillers, ...) and the interlinear annotation controls U+FFF9...U+FFFB.
  package static func isFormat(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isDefaultIgnorableCodePoint || (0xFFF9...0xFFFB).contains(scalar.value)
  }

  /// Whether NFKC may compose `scalar` with the scalar before it (or reorder it). Default
  /// ignorables (variation selectors, the grapheme joiner) never compose and are excluded, so
  /// that emoji presentation selectors stay on the fast path.
  package static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if scalar.properties.isDefaultIgnorableCodePoint { return false }
    if (0x1161...0x1175).contains(value) || (0x11A8...0x11C2).contains(value) { return true }
    if scalar.properties.canonicalCombiningClass != .notReordered { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark: return true
    default: return false
    }
  }

  /// The ``ScalarClass`` bits of a scalar (Han ranges outside plane 0 and 1 excepted).
  package static func classBits(_ scalar: Unicode.Scalar) -> UInt8 {
    let value = scalar.value
    if ScalarClass.isHan(value) { return ScalarClass.han }
    if (0x30...0x39).contains(value) { return ScalarClass.digit }
    if value == 0x25 { return ScalarClass.percent }
    if value == 0x5B { return ScalarClass.bracket }
    if separatorScalars.contains(value) { return ScalarClass.separator }
    let properties = scalar.properties
    if properties.isWhitespace {
      switch value {
      case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return 0
      default: return ScalarClass.space
      }
    }
    if wordEmoji.contains(value) { return ScalarClass.han }
    if isEmojiPiece(scalar) { return ScalarClass.emoji }
    return 0
  }

  /// Emoji that scam slang writes for a word, all meaning money: 💰 and the banknotes, coin and
  /// dollar sign (搞💰 = 搞钱, 赚💰), 🧧 (红包), 🌽 (玉米 → 米, i.e. money: 5🌽) and 🍚 (饭钱:
  /// 挣🍚). They are not noise: step 5 keeps them even between two Han characters
  /// (`快速搞💰吗`, `一起挣💰💰保底`) and treats them as Han characters, so that decoration
  /// around them still goes (`赚🔥💵🔥了` → `赚💵了`).
  package static let wordEmoji: Set<UInt32> = [
    0x1F4B0, 0x1F4B2, 0x1F4B4, 0x1F4B5, 0x1F4B6, 0x1F4B7, 0x1F4B8,  // 💰 💲 💴 💵 💶 💷 💸
    0x1FA99, 0x1F9E7, 0x1F33D, 0x1F35A,  // 🪙 🧧 🌽 🍚
  ]

  /// Separator punctuation dropped between Han characters: `- _ . · • * ~ | / \`, their
  /// full-width and typographic variants, dashes, middle dots and ellipses.
  package static let separatorScalars: Set<UInt32> = [
    0x2D, 0x5F, 0x2E, 0x2A, 0x7E, 0x7C, 0x2F, 0x5C,  // - _ . * ~ | / \
    0xA6, 0xB7, 0x2C9, 0x2D9,  // ¦ · ˉ ˙
    0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2016,  // hyphens, dashes, ‖
    0x2022, 0x2023, 0x2024, 0x2025, 0x2026, 0x2027,  // • ‣ ․ ‥ … ‧
    0x2043, 0x2212, 0x2215, 0x2216, 0x2217, 0x2219, 0x2223, 0x22C5, 0x22EF,  // ⁃ − ∕ ∖ ∗ ∙ ∣ ⋅ ⋯
    0x2500, 0x2501, 0x2502, 0x2503,  // box-drawing lines used as dashes
    0x301C, 0x3030, 0x30FB, 0x30FC,  // 〜 〰 ・ ー
    0xFE4D, 0xFE4E, 0xFE4F, 0xFE58, 0xFE61, 0xFE63, 0xFE68,  // small forms
    0xFF0A, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3C, 0xFF3F, 0xFF5C, 0xFF5E, 0xFF65,  // full-width
  ]

  /// Emoji, pictographs and the invisible pieces of emoji sequences (ZWJ, variation
  /// selectors 15/16, skin-tone modifiers, keycap, regional indicators, tags).
  package static func isEmojiPiece(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    switch value {
    case 0x200D, 0xFE0E, 0xFE0F, 0x20E3: return true
    case 0x2190...0x21FF, 0x2300...0x23FF, 0x25A0...0x27BF, 0x2900...0x297F, 0x2B00...0x2BFF:
      return true  // arrows, technical, shapes, misc. symbols, dingbats, stars
    case 0x3297, 0x3299, 0x303D: return true
    case 0x1F000...0x1FAFF: return true
    case 0xE0020...0xE007F: return true
    default:
      return value > 0xFF && (scalar.properties.isEmoji || scalar.properties.isEmojiModifier)
    }
  }
}
