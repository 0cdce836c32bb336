-- closures, upvalues, varargs, coroutines, error handling, goto
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
for _ = 1, 100 do c1() end
assert(c1() == 101 and c2() == 1)
local function sum(...)
  local s = 0
  for _, v in ipairs({...}) do s = s + v end
  return s, select("#", ...)
end
assert(select(2, sum(1, 2, 3)) == 3)
local gen = coroutine.wrap(function()
  for i = 1, 1000 do coroutine.yield(i) end
end)
local total = 0
for _ = 1, 1000 do total = total + gen() end
assert(total == 500500)
local ok, err = pcall(function() error({code = 7}) end)
assert(not ok and err.code == 7)
local ok2, msg = pcall(function() local x = nil; return x.y end)
assert(not ok2 and msg:find("index"))
local r = select("#", xpcall(function() return 1, 2 end, debug.traceback))
assert(r == 3)
for i = 1, 3 do
  if i == 2 then goto continue end
  ::continue::
end
print("closures ok")
