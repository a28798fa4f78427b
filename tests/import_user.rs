//! `salesflow import` driven as a user drives it, on data shaped as real teams
//! export it. One test binary; each module is one concern:
//! - `common`: a project folder, running the binary, reading the store back
//! - `cli`: `init` and `import` exit codes, rejected rows, JSON output, dry runs
//! - `reimport`: importing a customer again updates what the file says, nothing else
//! - `offices`: GBK CSV, Excel date styles and sheets, amounts, booleans, CRLF
//! - `strict`: no cell, key or digit silently lost
//! - `hostile`: bombs and traps end in a clear error, in bounded time and memory
//! - `map`: `--map` from a foreign CRM export to customers and stage events
//! - `messages`: the refusals as printed, pinned by snapshots

#[path = "store_common/mod.rs"]
mod store_common;

#[path = "import_user/cli.rs"]
mod cli;
#[path = "import_user/common.rs"]
mod common;
#[path = "import_user/hostile.rs"]
mod hostile;
#[path = "import_user/map.rs"]
mod map;
#[path = "import_user/messages.rs"]
mod messages;
#[path = "import_user/offices.rs"]
mod offices;
#[path = "import_user/reimport.rs"]
mod reimport;
#[path = "import_user/strict.rs"]
mod strict;
