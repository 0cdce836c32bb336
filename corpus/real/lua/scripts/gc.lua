-- garbage collector: generational and incremental modes, weak tables, finalizers, userdata
local weak = setmetatable({}, {__mode = "k"})
local finalized = 0
for round = 1, 3 do
  for i = 1, 20000 do
    local obj = {i, tostring(i), {i}}
    if i % 100 == 0 then weak[obj] = true end
    if i % 1000 == 0 then setmetatable({}, {__gc = function() finalized = finalized + 1 end}) end
  end
  collectgarbage(round % 2 == 0 and "generational" or "incremental")
  collectgarbage()
end
collectgarbage(); collectgarbage()
assert(finalized == 60)
assert(next(weak) == nil)
local f = io.tmpfile()
for i = 1, 1000 do f:write(i, "\n") end
f:seek("set")
local n = 0
for _ in f:lines() do n = n + 1 end
assert(n == 1000)
f:close()
print("gc ok", collectgarbage("count") > 0)
