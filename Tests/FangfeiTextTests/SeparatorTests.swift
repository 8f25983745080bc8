import FangfeiText
import Testing

@Suite("Step 5: separators and noise between Han characters")
struct SeparatorTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer(Fixtures.only(separators: true)) }

  @Test func punctuationSeparatorsBetweenHanAreDropped() {
    expectNormalized(normalizer, "保-本-保-息", "保本保息", match: "保本保息", span: 0..<7, quote: "保-本-保-息")
    expectNormalized(normalizer, "保_本.保·息", "保本保息", match: "本保", span: 2..<5, quote: "本.保")
    expectNormalized(normalizer, "高 回 报", "高回报", match: "高回报", span: 0..<5, quote: "高 回 报")
    expectNormalized(normalizer, "躺*赚~翻|倍/啦\\", "躺赚翻倍啦\\", match: "赚翻", span: 2..<5, quote: "赚~翻")
  }

  @Test func emojiBetweenHanAreDropped() {
    expectNormalized(normalizer, "稳🔥赚🔥不🔥赔", "稳赚不赔", match: "稳赚不赔", span: 0..<7, quote: "稳🔥赚🔥不🔥赔")
    expectNormalized(normalizer, "稳🔥赚🔥不🔥赔", "稳赚不赔", match: "赚不", span: 2..<5, quote: "赚🔥不")
  }

  @Test func moneyEmojiStayAsWordsBetweenHan() {
    // 💰, banknotes, coins, 🧧, 🌽 (米) and 🍚 stand for money in scam slang (搞💰 = 搞钱):
    // they are kept and count as Han characters, so that rules see them and decoration
    // around them still goes.
    expectNormalized(normalizer, "快速搞💰吗", "快速搞💰吗", match: "搞💰吗", span: 2..<5, quote: "搞💰吗")
    expectNormalized(
      normalizer, "一起挣💰💰保底", "一起挣💰💰保底", match: "💰保底", span: 4..<7, quote: "💰保底")
    expectNormalized(normalizer, "有🧧雷群", "有🧧雷群", match: "🧧雷", span: 1..<3, quote: "🧧雷")
    expectNormalized(normalizer, "赚🔥💵🔥了", "赚💵了", match: "赚💵了", span: 0..<5, quote: "赚🔥💵🔥了")
    expectNormalized(normalizer, "5 🌽", "5🌽", match: "5🌽", span: 0..<3, quote: "5 🌽")
    for text in ["挣🍚", "5🌽一斤", "💸💴💶💷💲🪙"] {
      #expect(normalizer.normalize(text).isIdentity)
    }
  }

  @Test func chatEmoticonCodesAreRemoved() {
    // WeChat/QQ names in brackets and QQ's [em]e…[/em] codes are decoration, removed wherever
    // they stand; what is around them is then treated as if they had never been there.
    expectNormalized(normalizer, "稳赚[微笑]不赔", "稳赚不赔", match: "赚不", span: 1..<7, quote: "赚[微笑]不")
    expectNormalized(
      normalizer, "[em]e166[/em]保本[em]e400823[/em]保息", "保本保息", match: "保本保息", span: 13..<33,
      quote: "保本[em]e400823[/em]保息")
    expectNormalized(
      normalizer, "保本 [玫瑰][玫瑰] 保息[色]", "保本保息", match: "本保", span: 1..<13,
      quote: "本 [玫瑰][玫瑰] 保")
    expectNormalized(normalizer, "[表情]日入500", "日入500", match: "日", span: 4..<5, quote: "日")
    expectNormalized(normalizer, "3[强]6%", "36%", match: "36%", span: 0..<6, quote: "3[强]6%")
  }

  @Test func placeholdersAndUnfinishedCodesStay() {
    for text in [
      "点击[链接]领取", "[图片]", "[URL]", "[红包]", "[微笑", "微笑]", "[]", "[em]e[/em]", "[em]e12", "[em]e123[/e]",
      "a[b]c", "[[微笑", "[em]e123456789012[/em]",
    ] {
      #expect(normalizer.normalize(text).isIdentity, "\(text)")
    }
    expectNormalized(normalizer, "[[微笑]", "[", match: "[", span: 0..<1, quote: "[")
  }

  @Test func everyEmoticonNameIsRemoved() {
    for name in ChatEmoticon.names {
      for code in ["[\(name)]", "[\(name)R]"] {
        #expect(sameScalars(normalizer.normalize("保\(code)本").text, "保本"), "\(code)")
      }
    }
  }

  @Test func zeroWidthJoinerSequencesAndSkinTonesBetweenHanAreDropped() {
    // Without step 3 the ZWJ stays inside the emoji sequence; the whole run goes.
    expectNormalized(
      normalizer, "保👨\u{200D}👩\u{200D}👧本", "保本", match: "保本", span: 0..<7,
      quote: "保👨\u{200D}👩\u{200D}👧本")
    expectNormalized(normalizer, "高👍🏽 收益", "高收益", match: "高收", span: 0..<5, quote: "高👍🏽 收")
  }

  @Test func clausePunctuationAndLineBreaksStay() {
    for text in [
      "保本，保息", "保本。保息", "保本！保息", "保本？保息", "保本；保息", "保本：保息", "保本、保息", "保本\n保息", "保本\r\n保息",
    ] {
      let result = normalizer.normalize(text)
      #expect(sameScalars(result.text, text))
      #expect(result.isIdentity)
    }
  }

  @Test func noiseAtTheEdgesOrBesideLatinStays() {
    for text in ["💰稳赚", "稳赚💰", "- 稳赚 -", "VIP 理财", "理财 VIP", "Hello World", "5🌽"] {
      #expect(sameScalars(normalizer.normalize(text).text, text))
    }
  }

  @Test func spacesInsideNumbersAreDropped() {
    expectNormalized(normalizer, "1 8 %", "18%", match: "18%", span: 0..<5, quote: "1 8 %")
    expectNormalized(normalizer, "年化 3 6 %", "年化36%", match: "36", span: 3..<6, quote: "3 6")
    expectNormalized(
      normalizer, "1 0 0 0 0元", "10000元", match: "10000元", span: 0..<10, quote: "1 0 0 0 0元")
  }

  @Test func digitGroupsAndRangesStay() {
    for text in ["2023 18", "138 1234 5678", "1-5", "3万-5万", "2.8%-3.5%", "1q-5q", "年化-20%"] {
      #expect(sameScalars(normalizer.normalize(text).text, text))
    }
  }

  @Test func spacesBetweenDigitAndHanAreDroppedButEmojiStay() {
    expectNormalized(normalizer, "3 万", "3万", match: "3万", span: 0..<3, quote: "3 万")
    expectNormalized(normalizer, "日返 1%", "日返1%", match: "返1", span: 1..<4, quote: "返 1")
    // An emoji after a number often stands for its unit (5🌽 = 5 米, i.e. yuan): kept.
    expectNormalized(normalizer, "5🌽一斤", "5🌽一斤", match: "5🌽", span: 0..<2, quote: "5🌽")
  }
}
