-- wrk: staff walk requests of today through register, start_work and resolve, as an operator
-- of the branch that holds each, with If-Match carrying the ETag of the previous answer.
-- Run with as many threads as connections (wrk -tN -cN): each thread then has one connection
-- and sends an act only after the answer to the previous one. Thread t of T takes the lines
-- OFFSET + t, OFFSET + t + T, ... of the pool, so no request is walked twice; an act answered
-- with anything but 200 abandons that request. `issued` counts requests taken, so the next run
-- starts at OFFSET + T * max_issued.
-- BENCH_ANSWER=minimal (the default) sends `Prefer: return=minimal`, as the workbench acts: the
-- service answers 204 with the new ETag and reads nothing back. BENCH_ANSWER=full asks for the
-- request after each act, as an API client showing it would: 200 with the staff view, which is
-- a disclosure of personal data and writes an access-log row.
-- Environment: BENCH_LUA_DIR, BENCH_POOL (lines "tracking_number<TAB>branch"), BENCH_TOKENS,
-- BENCH_OFFSET, BENCH_ANSWER.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local tokens, offset, stride, minimal
local pool, lines_read, last_taken
local current, step, version
local bodies = {
    '{"action":"register"}',
    '{"action":"start_work"}',
    '{"action":"resolve","outcome":"explained","answer":"The light was repaired on the day of the request."}',
}
exhausted = 0

-- wrk runs init() for each thread in its main thread, one thread after the other, and starts the
-- clock of the run only after the last; a thread already made sends from the moment it is made.
-- So init() only opens the pool: parsing all of it there took minutes at 64 threads, while the
-- threads made first were acting outside the measured time, and the rate came out several times
-- too high. Each thread reads its own lines as it needs them instead.
function init(args)
    tokens = read_tokens(os.getenv("BENCH_TOKENS"))
    offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
    minimal = (os.getenv("BENCH_ANSWER") or "minimal") == "minimal"
    stride = tonumber(os.getenv("BENCH_THREADS"))
    pool = assert(io.open(os.getenv("BENCH_POOL"), "r"))
    lines_read = 0
    current = nil
end

-- Line n of the pool (1-based; n only grows within a thread), split at tabs; nil past the end.
local function pool_line(n)
    while lines_read < n do
        local line = pool:read("*l")
        if line == nil then
            return nil
        end
        lines_read = lines_read + 1
        if lines_read == n then
            local fields = {}
            for field in string.gmatch(line, "[^\t]+") do
                table.insert(fields, field)
            end
            return fields
        end
    end
    return nil
end

local function next_request()
    local line = offset + tid + stride * issued + 1
    issued = issued + 1
    current = pool_line(line)
    if current == nil then
        -- The pool is used up: keep sending to this thread's last request, whose answers (409) show it.
        exhausted = exhausted + 1
        current = last_taken
    end
    last_taken = current
    step = 1
    version = 0
end

function request()
    if current == nil then
        next_request()
    end
    local headers = {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. tokens[current[2]],
        ["If-Match"] = '"' .. version .. '"',
    }
    if minimal then
        headers["Prefer"] = "return=minimal"
    end
    return wrk.format("POST", "/api/v1/requests/" .. current[1] .. "/transitions", headers, bodies[step])
end

function response(status, headers, body)
    count_status(status, body)
    local etag = headers["ETag"] or headers["etag"] or headers["Etag"]
    if (status == 200 or status == 204) and etag ~= nil and step < 3 then
        version = tonumber(string.match(etag, "(%d+)"))
        step = step + 1
    else
        current = nil
    end
end
