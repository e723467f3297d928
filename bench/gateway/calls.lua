-- wrk script: replays pre-signed gateway calls (bench/gateway/sign.py), one file per thread,
-- and counts what each thread sent and what came back that was not 200.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    key = args[1]
    local prefix = args[2]
    calls = {}
    for line in io.lines(prefix .. "." .. id) do
        local p, ts, nonce, sig = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)")
        calls[#calls + 1] = wrk.format("GET", p, { ["X-App-Key"] = key, ["X-Timestamp"] = ts, ["X-Nonce"] = nonce, ["X-Signature"] = sig })
    end
    i = 0
    sent = 0
    bad = 0
end

function request()
    i = i + 1
    if i > #calls then i = 1 end -- repeats would be refused as replays, and counted as bad
    sent = sent + 1
    return calls[i]
end

function response(status, headers, body)
    if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
    local s, b = 0, 0
    for _, t in ipairs(threads) do
        s = s + t:get("sent")
        b = b + t:get("bad")
    end
    io.write(string.format("LUA sent=%d not200=%d completed=%d\n", s, b, summary.requests))
end
