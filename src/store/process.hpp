#pragma once
// Running another program (git, for the network) and collecting what it
// says. The only place hd starts a process with arguments.
#include <optional>
#include <string>
#include <vector>

namespace hd {

struct ProcessResult {
    int status = 0; // exit code; 128 + N when killed by signal N; 127 when it could not start
    std::string out, err;
};

// Runs `argv` (found on PATH) in `dir`, with `env` ("NAME=value") added to
// hd's own environment. Standard input is `input`, or the null device when
// there is none: hd never lets a child wait for input a script cannot give
// (git asks for passwords on the terminal itself).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& dir,
                          const std::vector<std::string>& env = {},
                          const std::optional<std::string>& input = std::nullopt);

} // namespace hd
