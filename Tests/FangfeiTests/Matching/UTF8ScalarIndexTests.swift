import Fangfei
import Testing

/// Byte-offset ↔ scalar-offset conversion.
@Suite("UTF8ScalarIndex")
struct UTF8ScalarIndexTests {
  /// Every scalar boundary converts both ways; offsets inside a character are rejected.
  @Test(arguments: ["", "abc", "非法集资", "a中😀b", "👨‍👩‍👧年化36%", String(repeating: "中a😀", count: 100)])
  func roundTrip(text: String) {
    let index = UTF8ScalarIndex(text)
    #expect(index.utf8Count == text.utf8.count)
    #expect(index.scalarCount == text.unicodeScalars.count)
    var byteOffset = 0
    for (scalarOffset, scalar) in text.unicodeScalars.enumerated() {
      #expect(index.scalarOffset(forUTF8Offset: byteOffset) == scalarOffset)
      #expect(index.utf8Offset(forScalarOffset: scalarOffset) == byteOffset)
      let width = String(scalar).utf8.count
      for inside in 1..<width {
        #expect(index.scalarOffset(forUTF8Offset: byteOffset + inside) == nil)
      }
      byteOffset += width
    }
    #expect(index.scalarOffset(forUTF8Offset: byteOffset) == index.scalarCount)
    #expect(index.utf8Offset(forScalarOffset: index.scalarCount) == byteOffset)
    #expect(index.scalarOffset(forUTF8Offset: byteOffset + 1) == nil)
    #expect(index.scalarOffset(forUTF8Offset: -1) == nil)
    #expect(index.utf8Offset(forScalarOffset: index.scalarCount + 1) == nil)
  }

  /// Chinese is 3 bytes a character, emoji 4; ranges convert and reject split characters.
  @Test func ranges() {
    let index = UTF8ScalarIndex("年化😀36%")
    #expect(index.scalarRange(forUTF8Range: 0..<6) == 0..<2)
    #expect(index.scalarRange(forUTF8Range: 6..<10) == 2..<3)
    #expect(index.scalarRange(forUTF8Range: 10..<13) == 3..<6)
    #expect(index.scalarRange(forUTF8Range: 1..<6) == nil)
  }

  /// The buffer initialiser agrees with the string one.
  @Test func bufferInitialiser() {
    var text = String(repeating: "本金安全😀", count: 50)
    let fromBuffer = text.withUTF8 { UTF8ScalarIndex(utf8: $0) }
    let fromString = UTF8ScalarIndex(text)
    #expect(fromBuffer.scalarCount == fromString.scalarCount)
    #expect(
      fromBuffer.utf8Offset(forScalarOffset: 123) == fromString.utf8Offset(forScalarOffset: 123))
  }
}
