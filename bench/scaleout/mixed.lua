-- wrk: the mixed workload through the balancer, out of every 20 requests of a thread
-- 16 reads (80 %), 3 acts (15 %) and 1 submission (5 %), interleaved:
--   read    GET /api/v1/requests/{trackingNumber} as an operator of the branch holding it,
--           on numbers drawn at random from BENCH_NUMBERS
--   act     on the thread's own request (line tid + 1 of BENCH_POOL, so no two threads act on
--           one request), as an operator of its branch, with If-Match: register, start_work,
--           resolve, then reopen and resolve again and again; the ETag of each answer is the
--           next If-Match. A thread that does not know its request's version (at its start, or
--           after an answer other than 200) reads it first ("sync": the staff view's ETag and
--           status), so consecutive runs may use the same pool.
--   submit  POST /api/v1/requests, every one unique (key, phone, subject, X-Forwarded-For;
--           the balancer replaces the last with the connection's address)
-- Run with as many threads as connections (wrk -tN -cN): each thread's next request is then
-- made after the answer to its previous one. Statuses are counted per kind: read.200,
-- sync.200, act.200, submit.201, ...
-- Environment: BENCH_LUA_DIR (bench/write-path, for common.lua), BENCH_NUMBERS, BENCH_POOL
-- (lines "tracking_number<TAB>branch", the pool at least as long as the threads are many),
-- BENCH_TOKENS ("branch<TAB>token"), BENCH_RUN (a small number unique per run), BENCH_STAMP.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local numbers, tokens, mine
local sent, kind = 0, nil
local version, status
local run = tonumber(os.getenv("BENCH_RUN") or "1")
local stamp = os.getenv("BENCH_STAMP") or "0"
local regions = {"KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
                 "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79"}
local categories = {"housing_utilities", "roads_transport", "healthcare", "education", "social_support",
                    "employment", "land_property", "public_safety", "ecology", "agriculture",
                    "business_support", "other"}
-- the next act by status, and the status it leads to
local next_act = {
    SUBMITTED = {'{"action":"register"}', "REGISTERED"},
    REGISTERED = {'{"action":"start_work"}', "IN_PROGRESS"},
    IN_PROGRESS = {'{"action":"resolve","outcome":"explained","answer":"The light was repaired on the day of the request."}', "RESOLVED"},
    RESOLVED = {'{"action":"reopen","note":"The light went out again."}', "IN_PROGRESS"},
}
local act_sent

function init(args)
    numbers = read_lines(os.getenv("BENCH_NUMBERS"))
    tokens = read_tokens(os.getenv("BENCH_TOKENS"))
    mine = read_lines(os.getenv("BENCH_POOL"))[tid + 1]
    assert(mine ~= nil, "BENCH_POOL has fewer lines than threads")
    math.randomseed(run * 1000 + tid)
end

local function read()
    kind = "read"
    local pick = numbers[math.random(#numbers)]
    return wrk.format("GET", "/api/v1/requests/" .. pick[1], {["Authorization"] = "Bearer " .. tokens[pick[2]]})
end

local function act()
    local auth = "Bearer " .. tokens[mine[2]]
    if version == nil or next_act[status] == nil then
        kind = "sync"
        return wrk.format("GET", "/api/v1/requests/" .. mine[1], {["Authorization"] = auth})
    end
    kind = "act"
    act_sent = next_act[status]
    return wrk.format("POST", "/api/v1/requests/" .. mine[1] .. "/transitions", {
        ["Content-Type"] = "application/json",
        ["Authorization"] = auth,
        ["If-Match"] = '"' .. version .. '"',
    }, act_sent[1])
end

local function submit()
    kind = "submit"
    local id = string.format("%d-%02d-%06d", run, tid, sent)
    local body = string.format(
        '{"type":"application","category":"%s","region":"%s",' ..
        '"subject":"mixed submission %s: street light out","description":"The street light in front of house %d ' ..
        'has been out since last week (%s); please repair it.","language":"ru",' ..
        '"citizen":{"fullName":"Bench Citizen %s","phone":"+7 7%d%02d%06d"}}',
        categories[(sent * 7 + tid) % #categories + 1], regions[(sent + tid) % #regions + 1],
        id, sent % 180 + 1, id, id, run % 10, tid, sent)
    return wrk.format("POST", "/api/v1/requests", {
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "mixed-" .. stamp .. "-" .. id,
        ["X-Forwarded-For"] = string.format("10.%d.%d.%d", (run * 64 + tid) % 256, math.floor(sent / 256) % 256, sent % 256),
    }, body)
end

function request()
    sent = sent + 1
    local slot = sent % 20
    if slot < 16 then
        return read()
    elseif slot < 19 then
        return act()
    end
    return submit()
end

function response(status_code, headers, body)
    local key = kind .. "." .. status_code
    statuses[key] = (statuses[key] or 0) + 1
    if kind == "read" or kind == "submit" then
        return
    end
    local etag = headers["ETag"] or headers["etag"] or headers["Etag"]
    if status_code ~= 200 or etag == nil then
        version = nil
        return
    end
    version = tonumber(string.match(etag, "(%d+)"))
    if kind == "sync" then
        status = string.match(body, '"status":"(%u[%u_]*)"')
    else
        status = act_sent[2]
    end
end
