import FangfeiText
import Testing

@Suite("Step 6: Chinese numerals")
struct NumeralTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer(Fixtures.only(numerals: true)) }

  @Test func percentages() {
    expectNormalized(normalizer, "年化收益百分之三十", "年化收益30%", match: "30%", span: 4..<9, quote: "百分之三十")
    expectNormalized(normalizer, "年化收益百分之三十", "年化收益30%", match: "3", span: 4..<9, quote: "百分之三十")
    expectNormalized(normalizer, "百分之3", "3%", match: "3%", span: 0..<4, quote: "百分之3")
    expectNormalized(normalizer, "百分之三点五", "3.5%", match: "3.5%", span: 0..<6, quote: "百分之三点五")
    expectNormalized(normalizer, "百分之百保本", "100%保本", match: "100%", span: 0..<4, quote: "百分之百")
    expectNormalized(normalizer, "百分百保本", "100%保本", match: "100%保", span: 0..<4, quote: "百分百保")
  }

  @Test func perMilleAndPerTenThousand() {
    expectNormalized(normalizer, "日息千分之五", "日息0.5%", match: "0.5%", span: 2..<6, quote: "千分之五")
    expectNormalized(normalizer, "日息千分之五", "日息0.5%", match: "5", span: 2..<6, quote: "千分之五")
    expectNormalized(normalizer, "万分之五", "0.05%", match: "0.05%", span: 0..<4, quote: "万分之五")
  }

  @Test func wholeNumbers() {
    expectNormalized(normalizer, "一万", "10000", match: "10000", span: 0..<2, quote: "一万")
    expectNormalized(normalizer, "壹万元", "10000元", match: "0元", span: 0..<3, quote: "壹万元")
    expectNormalized(normalizer, "三千五", "3500", match: "3500", span: 0..<3, quote: "三千五")
    expectNormalized(normalizer, "十二", "12", match: "12", span: 0..<2, quote: "十二")
    expectNormalized(normalizer, "二十万", "200000", match: "200000", span: 0..<3, quote: "二十万")
    expectNormalized(normalizer, "一亿三千万", "130000000", match: "13", span: 0..<5, quote: "一亿三千万")
    expectNormalized(normalizer, "一千零五元", "1005元", match: "1005", span: 0..<4, quote: "一千零五")
    expectNormalized(normalizer, "两万", "20000", match: "20000", span: 0..<2, quote: "两万")
  }

  @Test func digitsWithMultipliers() {
    expectNormalized(normalizer, "投1w", "投10000", match: "10000", span: 1..<3, quote: "1w")
    expectNormalized(normalizer, "投1W", "投10000", match: "10000", span: 1..<3, quote: "1W")
    expectNormalized(normalizer, "3万起投", "30000起投", match: "30000", span: 0..<2, quote: "3万")
    expectNormalized(normalizer, "3.5万", "35000", match: "35000", span: 0..<4, quote: "3.5万")
    expectNormalized(
      normalizer, "1,000万", "10000000", match: "10000000", span: 0..<6, quote: "1,000万")
    expectNormalized(normalizer, "8佰", "800", match: "800", span: 0..<2, quote: "8佰")
    expectNormalized(normalizer, "1万5", "15000", match: "15000", span: 0..<3, quote: "1万5")
  }

  @Test func approximateRangesTakeTheLowerBound() {
    expectNormalized(normalizer, "三四百", "300", match: "300", span: 0..<3, quote: "三四百")
    expectNormalized(normalizer, "十七八万", "170000", match: "170000", span: 0..<4, quote: "十七八万")
  }

  @Test func loneDigitsBeforeMeasureWords() {
    expectNormalized(normalizer, "月息三分", "月息3分", match: "3", span: 2..<3, quote: "三")
    expectNormalized(normalizer, "月息三分", "月息3分", match: "月息3分", span: 0..<4, quote: "月息三分")
    expectNormalized(normalizer, "三成", "3成", match: "3成", span: 0..<2, quote: "三成")
    expectNormalized(normalizer, "翻两倍", "翻2倍", match: "2倍", span: 1..<3, quote: "两倍")
    expectNormalized(normalizer, "一年回本", "1年回本", match: "1年", span: 0..<2, quote: "一年")
    expectNormalized(normalizer, "二〇二三年", "2023年", match: "2023", span: 0..<4, quote: "二〇二三")
  }

  @Test(arguments: [
    "一起", "万一", "一定", "十分", "三分之一", "二十分之一", "千万不要", "一五一十", "三三两两", "几十万",
    "数百人", "百万", "一个人", "两个人", "零风险", "统一年化", "十全十美", "1q-5q", "5🌽", "2023年3月",
  ])
  func wordsAndVagueAmountsStay(text: String) {
    let result = normalizer.normalize(text)
    #expect(sameScalars(result.text, text))
    #expect(result.isIdentity)
  }

  @Test func trailingOneThatStartsAWordIsNotAbbreviated() {
    expectNormalized(normalizer, "投了3万一起", "投了30000一起", match: "30000", span: 2..<4, quote: "3万")
    expectNormalized(normalizer, "一万一", "11000", match: "11000", span: 0..<3, quote: "一万一")
  }
}
