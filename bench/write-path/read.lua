-- wrk: GET /api/v1/requests/{trackingNumber} as staff of the branch that holds the request, on
-- tracking numbers drawn at random from a list. Environment: BENCH_LUA_DIR, BENCH_NUMBERS (lines
-- "tracking_number<TAB>branch"), BENCH_TOKENS (lines "branch<TAB>token").
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local numbers, tokens

function init(args)
    numbers = read_lines(os.getenv("BENCH_NUMBERS"))
    tokens = read_tokens(os.getenv("BENCH_TOKENS"))
    math.randomseed(1000 + tid)
end

function request()
    issued = issued + 1
    local pick = numbers[math.random(#numbers)]
    return wrk.format("GET", "/api/v1/requests/" .. pick[1], {["Authorization"] = "Bearer " .. tokens[pick[2]]})
end

function response(status, headers, body)
    count_status(status, body)
end
