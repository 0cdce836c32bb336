-- tables: array and hash parts, rehash, next, sort, concat
local t = {}
for i = 1, 20000 do t[i] = i * 2 end
for i = 1, 20000, 3 do t["k" .. i] = i end
local sum = 0
for _, v in ipairs(t) do sum = sum + v end
assert(sum == 20000 * 20001)
local n = 0
for k, v in pairs(t) do n = n + 1 end
assert(n == 20000 + 6667)
local s = {}
for i = 1, 5000 do s[i] = (i * 7919) % 5003 end
table.sort(s)
for i = 2, #s do assert(s[i - 1] <= s[i]) end
assert(table.concat({1, 2, 3}, ",") == "1,2,3")
table.insert(s, 1, -1); assert(s[1] == -1); table.remove(s, 1)
local m = setmetatable({}, {__index = function(_, k) return k * 10 end})
assert(m[4] == 40)
print("tables ok")
