import FuzzTargets

// The property the escaping fuzzer checks, on one input with control bytes: it returns when it holds.
let input: [UInt8] = Array("name=\u{1B}[31mred\u{07}\n".utf8) + [0xC2, 0x9B, 0xFF]
FuzzTargets.run("FuzzEscaping", input)
print("FuzzEscaping holds on \(input.count) bytes; every target:", FuzzTargets.all.keys.sorted().joined(separator: ", "))
