-- wrk: POST /api/v1/requests, every submission different: its own Idempotency-Key, phone
-- (so its own per-citizen counter), subject, X-Forwarded-For (the service trusts it in this
-- benchmark, as behind the load balancer, so each has its own per-address counter), and a
-- region and category walking over all 20 regions and 12 categories.
-- Environment: BENCH_LUA_DIR, BENCH_RUN (a small number unique per run of the script).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local regions = {"KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
                 "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79"}
local categories = {"housing_utilities", "roads_transport", "healthcare", "education", "social_support",
                    "employment", "land_property", "public_safety", "ecology", "agriculture",
                    "business_support", "other"}
local run = tonumber(os.getenv("BENCH_RUN") or "1")
local stamp = os.getenv("BENCH_STAMP") or "0"

function request()
    issued = issued + 1
    local n = issued
    local id = string.format("%d-%02d-%06d", run, tid, n)
    local region = regions[(n + tid) % #regions + 1]
    local category = categories[(n * 7 + tid) % #categories + 1]
    local body = string.format(
        '{"type":"application","category":"%s","region":"%s",' ..
        '"subject":"wrk submission %s: street light out","description":"The street light in front of house %d ' ..
        'has been out since last week (%s); please repair it.","language":"ru",' ..
        '"citizen":{"fullName":"Bench Citizen %s","phone":"+7 7%d%02d%06d"}}',
        category, region, id, n % 180 + 1, id, id, run % 10, tid, n)
    local headers = {
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "bench-" .. stamp .. "-" .. id,
        ["X-Forwarded-For"] = string.format("10.%d.%d.%d", (run * 64 + tid) % 256, math.floor(n / 256) % 256, n % 256),
    }
    return wrk.format("POST", "/api/v1/requests", headers, body)
end

function response(status, headers, body)
    count_status(status, body)
end
