-- strings: interning, long strings, patterns, format, pack
local parts = {}
for i = 1, 3000 do parts[#parts + 1] = string.format("%05d:%s", i, string.rep("x", i % 17)) end
local big = table.concat(parts, "\n")
assert(#big > 30000)
local count = 0
for line in big:gmatch("[^\n]+") do count = count + 1 end
assert(count == 3000)
assert(("hello world"):gsub("o", "0") == "hell0 w0rld")
assert(string.find("abc123def", "%d+") == 4)
local packed = string.pack("<i4 d s1", 42, 3.5, "lua")
local a, b, c = string.unpack("<i4 d s1", packed)
assert(a == 42 and b == 3.5 and c == "lua")
assert(("%q"):format("a\nb") == '"a\\\nb"')
assert(utf8.len("héllo") == 5)
print("strings ok")
