-- wrk: one staff queue URL (BENCH_PATH) with a token of its branch (BENCH_TOKEN), counting
-- statuses like the other scripts.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN")

function request()
    issued = issued + 1
    return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

function response(status, headers, body)
    count_status(status, body)
end
