-- a small program: load/compile chunks, string.dump round trip, math, os
local src = "local a, b = ... return a * b + math.floor(7.9)"
local fn = assert(load(src))
assert(fn(6, 7) == 49)
local dumped = string.dump(fn)
local again = assert(load(dumped, "dumped", "b"))
assert(again(2, 3) == 13)
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
assert(fib(22) == 17711)
assert(math.type(1) == "integer" and math.type(1.0) == "float")
assert(3 // 2 == 1 and 7 % -3 == -2 and 2^10 == 1024.0)
assert(os.time{year = 2020, month = 1, day = 1, hour = 0} > 0)
assert(tostring(1e300 * 1e10) == "inf" or tostring(1e300 * 1e10) == "math.huge")
local env = {x = 5}
local chunk = load("return x", "env", "t", env)
assert(chunk() == 5)
print("program ok")
