-- cpu.lua: a CPU-bound Lua script for bin/bench: binary trees of tables, string building, a sort, a string-keyed table.
local function bottomup(d) if d == 0 then return {} end d = d - 1 return { bottomup(d), bottomup(d) } end
local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) else return 1 end end
local n = 0
for i = 1, 20 do n = n + check(bottomup(14)) end
local parts = {}
for i = 1, 200000 do parts[#parts + 1] = tostring(i) .. "x" end
local s = table.concat(parts)
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local m = {}
for i = 1, 200000 do m["k" .. i] = i end
local sum = 0
for k, v in pairs(m) do sum = sum + v end
print(n, #s, t[1], sum)
