-- Shared by the wrk scripts of bench/write-path.sh (loaded with dofile): numbers the threads,
-- counts the answers by status and prints one RESULT line that the shell script reads.
--   RESULT requests=N seconds=S rps=R p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. socket_errors=N
--          statuses=201:N,503:N issued=N
-- "issued" is what the threads' `issued` counters add up to (each script decides what it counts).

local threads = {}
local thread_count = 0

function setup(thread)
    thread:set("tid", thread_count)
    thread_count = thread_count + 1
    table.insert(threads, thread)
end

statuses = {}
issued = 0

-- A 503 says why in its problem detail: the service shed the request (every worker busy and
-- the waiting queue full), or the database was unavailable or slow (no connection within the
-- acquisition timeout, a statement over its timeout). Counted apart as 503shed and 503db.
function count_status(status, body)
    local key = status
    if status == 503 and body ~= nil then
        key = string.find(body, "at capacity", 1, true) and "503shed" or "503db"
    end
    statuses[key] = (statuses[key] or 0) + 1
end

function read_lines(path)
    local lines = {}
    local file = assert(io.open(path, "r"))
    for line in file:lines() do
        if line ~= "" then
            local fields = {}
            for field in string.gmatch(line, "[^\t]+") do
                table.insert(fields, field)
            end
            table.insert(lines, fields)
        end
    end
    file:close()
    return lines
end

function read_tokens(path)
    local tokens = {}
    for _, fields in ipairs(read_lines(path)) do
        tokens[fields[1]] = fields[2]
    end
    return tokens
end

function done(summary, latency, requests)
    local total, keys, total_issued, max_issued = {}, {}, 0, 0
    for _, thread in ipairs(threads) do
        local counted = thread:get("statuses") or {}
        for status, n in pairs(counted) do
            total[status] = (total[status] or 0) + n
        end
        local n = thread:get("issued") or 0
        total_issued = total_issued + n
        if n > max_issued then
            max_issued = n
        end
    end
    for status, _ in pairs(total) do
        table.insert(keys, status)
    end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local parts = {}
    for _, status in ipairs(keys) do
        table.insert(parts, status .. ":" .. total[status])
    end
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f socket_errors=%d statuses=%s issued=%d max_issued=%d threads=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors,
        table.concat(parts, ","), total_issued, max_issued, thread_count))
end
