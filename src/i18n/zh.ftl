# salesflow 的中文消息。与 en.ftl 一一对应、参数相同（有测试检查）。
# 代码（`salesflow::…`）、JSON 键名和规则关键字不翻译。

## 通用

none = （无）
nothing-new = 没有新内容
list-separator = {"，"}
error-line = 错误：{ $message }
help-line = {"  "}提示：{ $help }
weekday-mon = 周一
weekday-tue = 周二
weekday-wed = 周三
weekday-thu = 周四
weekday-fri = 周五
weekday-sat = 周六
weekday-sun = 周日

## 各命令都可能遇到的错误

error-unsupported-format = `salesflow { $command }` 不支持 `--format { $format }`
help-unsupported-format = 它支持 { $formats }
error-read = 无法读取 `{ $path }`：{ $reason }
error-write = 无法写入 `{ $path }`：{ $reason }
error-output = 无法写出结果：{ $reason }
error-config-parse = { $path }:{ $line }：{ $reason }
help-config-keys = 可用的键：db、rules、team、tests、lang、allow_paths、channels、customer_channel、digests
error-team-invalid = { $path }：{ $reason }
help-team-shape = 团队文件包含 `people:`（id、name、title、role、manager、wecom、mobile、feishu、email）和 `defaults:`
error-no-rules = `salesflow { $command }` 需要规则文件
help-no-rules = 用 `--rules 文件` 指定，或在 salesflow.yaml 中设置 `rules:`
error-rules-do-not-check = `{ $path }` 未通过检查
help-rules-do-not-check = 错误已在上方列出；`salesflow check` 也会显示
error-not-a-time = `{ $value }` 不是时间
help-time = 写作 `2026-03-02 09:00`（规则的时区 { $zone }）或 RFC 3339
error-not-a-date = `{ $value }` 不是日期
help-date = 日期写作 YYYY-MM-DD，例如 `2026-02-13`
error-not-a-duration = `{ $value }` 不是时长
help-duration = 写作 `48h`、`7h30m` 或 `2d`
error-duration-too-large = `{ $value }`：时长过大
error-weeks-of-working-time = `{ $value }`：`w`（周）不能用于工作时间
help-weeks-of-working-time = 请写 `5d`
error-store-exists = `{ $path }` 已存在
help-store-exists = `init` 不会覆盖已有的数据库；请先删除，或用 `--db` 指定其他路径
error-store-not-found = `{ $path }` 处没有数据库
help-store-not-found = 用 `salesflow init` 创建，或用 `--db 路径` 指定
error-store-create = 无法创建 `{ $path }`：{ $reason }
error-store-too-new = 数据库的结构版本为 { $found }，比本版 salesflow 所知的（{ $known }）更新
help-store-too-new = 请升级 salesflow；旧版本不得写入新版数据库
error-store-outdated = 数据库的结构版本为 { $found }，需要迁移到 { $known }
help-store-outdated = 只读命令不做迁移：请先运行会写入的命令，例如 `salesflow apply`
error-store-damaged = 数据库文件已损坏：{ $reason }
help-store-damaged = 请从备份恢复数据库；`sqlite3 文件 .recover` 也许能救回仍可读的部分
error-store-read-only = 数据库无法写入：{ $reason }
help-store-read-only = 会写入的命令（apply、import、update、move 等）需要对数据库文件及其所在文件夹有写权限（SQLite 在那里存放 `-wal` 与 `-shm` 文件）；plan、list、explain 和 report 无需写权限
error-store-busy = 数据库一直被占用：另一个 salesflow 进程锁住了它
help-store-busy = 等另一个进程结束后再试
error-unknown-customer = 数据库中没有客户 `{ $id }`
error-unknown-task = 没有任务 { $id }
help-unknown-task = `salesflow task list` 会列出任务编号
error-unknown-signal = 没有风险信号 { $id }
help-unknown-signal = `salesflow signal list` 会列出信号编号
error-unknown-person = `--by { $id }`：团队中没有这个人
help-unknown-person = 请填写团队文件中的人员 id
error-unknown-stage = 未知阶段 `{ $stage }`
help-unknown-stage = 销售流程的阶段有 { $pipeline }
error-import-format = 无法导入 `{ $file }`：不认识的文件类型
help-import-read = 导入文件须为不超过 256 MiB 的普通文件：CSV（UTF-8 或 GBK）、XLSX、JSON Lines 或 YAML
help-import-map = 映射文件的格式见 docs/import-map.md
help-import-format = 文件名后缀应为 `.csv`、`.xlsx`、`.jsonl` 或 `.yaml`
error-rejected = `{ $file }` 被拒绝：{ $count } 个错误；没有写入任何内容

## check、fmt、test

check-summary = 已检查 { $flows } 个规则流（{ $files } 个文件）：{ $errors } 个错误，{ $warnings } 个警告
fmt-syntax-errors = 未格式化：`{ $file }` 有语法错误
error-no-tests = 不带路径的 `salesflow test` 需要 salesflow.yaml 中的测试目录
help-no-tests = 请给出测试文件或目录，或在 salesflow.yaml 中设置 `tests:`（默认：它旁边的 `tests/` 目录）
test-no-match = 警告：没有测试的名称或文件路径包含 `{ $pattern }`

## calendar

error-unknown-calendar = 规则中没有日历 `{ $name }`
help-unknown-calendar = 已声明的日历：{ $declared }
help-no-calendar = 规则中没有声明任何日历
calendar-no-working-time = 日历 `{ $name }` 在 { $time } 之后没有工作时间
calendar-bad-range = `--to` 必须不早于 `--from`，且相隔不超过十年
calendar-weekday = 工作日
calendar-weekend = 周末
calendar-holiday = 节假日 { $name }
calendar-make-up = { $name } 调休上班
calendar-off-named = 休息 { $name }
calendar-off = 休息
calendar-work = 上班

## init、import

init-created-store = 已创建数据库 `{ $path }`
init-created = 已创建 `{ $path }`
init-kept = 保留已有的 `{ $path }`
import-done = 已导入 `{ $file }`{ $encoding }：{ $summary }
import-dry-run = 试运行，未写入；`{ $file }`{ $encoding }：{ $summary }
init-next = 下一步：{ $commands }
import-people = 团队 { $n } 人
import-customers-new = 新客户 { $n } 个
import-customers-changed = 客户变更 { $n } 个
import-fields-changed = 记录字段变更 { $n } 条
import-stages-changed = 记录阶段变更 { $n } 条
import-created-now = 无 `created_at` 的新客户 { $n } 个，按导入时间创建
import-events-new = 新事件 { $n } 条
import-events-known = 已记录过的事件 { $n } 条
import-tasks-written = 写入任务 { $n } 个
import-tasks-known = 已记录过的任务 { $n } 个

## plan、apply

kind-health = 健康度
kind-segment = 客户分层
kind-tag = 标签
kind-signal = 风险信号
kind-stage-action = 阶段动作
kind-task = 任务
kind-escalation-step = 升级步骤
kind-notify = 通知
kind-message = 客户消息
kind-field-change = 字段变更
kind-customers = 客户
plan-summary = 计划（{ $at }）：{ $customers } 个客户共 { $actions } 项动作
plan-summary-counts = { $summary }（{ $counts }）
plan-health = { $from } → { $to }，于 { $at }（依据事件 { $events }）
plan-health-creation = { $from } → { $to }，于 { $at }（依据事件 { $events }，客户创建记录）
plan-segment = { $from } → { $to }，于 { $at }
plan-tag = { $sign }{ $tag }，于 { $at }
plan-signal = { $risk }：事件 { $event } 中的「{ $keyword }」
plan-stage-action = { $trigger }，于 { $at }
plan-task = { $title } → { $assignee }，截止 { $due }
plan-step = { $escalation } 第 { $epoch } 轮 { $step }，截止 { $due }
plan-message = { $to }：{ $body }
plan-message-cc = { $to } 抄送 { $cc }：{ $body }
apply-summary = 已执行（{ $at }）：检查了 { $customers } 个客户，{ $counts }
apply-nothing-new = 已执行（{ $at }）：检查了 { $customers } 个客户，没有新内容
apply-queued = 已排队：{ $list }
apply-queued-separator = {"；"}
apply-queued-entry = { $who }：{ $what }
apply-queued-customer = 客户 { $id }
apply-suppressed = { $n } 项记为已抑制（上线之前），不发送

## explain、list

explain-head = { $customer } { $name }，时间 { $at }
explain-stage = 阶段：{ $stage }
explain-stage-since = { $stage }，自 { $since }（{ $dwell }）
explain-health = 健康度：{ $health }
explain-segment = 客户分层：{ $segment }
explain-witness = 依据：
explain-event = 事件 { $id } { $at } { $kind } { $text }
explain-witness-creation = 依据：客户的创建记录（{ $at }）
explain-tags = 标签：{ $tags }
explain-timers = 计时器：
explain-timer = { $escalation } 第 { $epoch } 轮 { $state }，自 { $since }
explain-timer-paused = ，已暂停
explain-timer-next = ，下一步：{ $step }，于 { $at }
list-count = 共 { $count } 个客户

## update、move、task、signal

error-update-requires = { $customer } 的进展更新必须包含 { $fields }（规则要求 `update requires`）；没有记录
error-empty-update = { $customer } 的进展更新是空的
help-empty-update = 请给出进展、下一步、卡点、备注或证据
error-evidence-required = 阶段 `{ $stage }`（{ $label }）要求提供证据（`evidence required`）；没有记录
help-evidence-required = 请至少给出一个证据引用（文件名、单据编号）
record-recorded = 已记录 `{ $customer }` 的 { $kind } #{ $id }，时间 { $at }
record-known = 已记录过：`{ $customer }` 在 { $at } 的同一条 { $kind }
task-none = 没有任务
task-done-at = 完成于 { $at }
task-open = 未完成
task-closed = 已完成任务 #{ $id } { $title }（`{ $customer }`），时间 { $at }
task-already-done = 任务 #{ $id } { $title } 已于 { $at } 完成
signal-none = 没有风险信号
signal-judged = 风险信号 #{ $id }（`{ $customer }` 的 { $risk }）判定为{ $verdict }，时间 { $at }
verdict-confirmed = 属实
verdict-false = 误报
verdict-none = 未判定
error-condition = `--where` 条件未通过检查
help-condition = 条件的写法与 `health` 状态中相同：`tagged 新能源 and health is yellow`

## 记录规则拒绝的记录，以及 apply

error-apply-backwards = 无法在 { $at } 执行：数据库已在 { $last } 执行过
help-apply-backwards = apply 不会回到过去：用 `plan --at` 查看更早的时刻，或在 { $last } 及以后执行
error-record-out-of-range = { $at } 超出了记录允许的年份范围（1970–2199）
help-record-out-of-range = 请检查日期：年份是否打错，或表格中的空日期被读成了 0 年
error-record-before-creation = { $at } 早于 { $customer } 的创建时间（{ $created }）
help-record-before-creation = 记录不能早于客户的创建时间：请改正时间，或在客户导入中改正其 `created_at`
help-update-requires = 请给 `salesflow update` 加上 { $flags }，或在导入文件中提供同名的列
error-verdict-word = `{ $word }` 不是判定结果
help-verdict-word = 请写 `confirmed` 或 `false`
error-unknown-risk = 未知风险 `{ $risk }`
help-unknown-risk = `salesflow signal list` 会列出已出现的风险
error-nothing-to-judge = { $customer } 之前没有事件命中风险 `{ $risk }`：没有可判定的信号
help-nothing-to-judge = 判定针对已出现的信号；请在引发信号的事件之后再记录
explain-timer-ended = ，结束于 { $at }
explain-timer-skipped = 跳过 { $step }（应于 { $due }，当时现行规则尚未生效）
plan-suppressed = [已抑制：上线之前]
signal-strategy = 应对：{ $text }
signal-case = 案例：{ $text }
cli-init--dir = 项目文件夹，不存在时创建，采用标准布局（salesflow.yaml、salesflow.db、rules/main.flow、team.yaml、tests/、示例 CSV）；默认：当前目录，此时由 --db、--rules、--team 指定文件
cli-init--live_from = 上线时间（默认：现在）：规则在此之前本会产生的消息和任务记为已抑制，不会发送
cli-apply--live_from = 尚未被任何 apply 覆盖的客户在 TIME 上线（向已上线的数据库导入老客户时）：其规则在此之前本会发送或要求的内容记为已抑制；已覆盖的客户不受影响

## 团队文件

team-listed-twice = 人员 `{ $id }` 出现了两次
team-unknown-manager = `{ $id }` 的上级 `{ $manager }` 不在团队中
team-unknown-default = 默认负责人 `{ $role }: { $id }` 不在团队中
team-not-a-mapping = 团队文件应是包含 `people:` 和 `defaults:` 的映射
team-entry-unreadable = `{ $id }` 的条目无法编辑：请写成映射（`- {"{"} id: …, name: … {"}"}`）

team-merge-summary = 新增 { $added } 人，更新 { $updated } 人，{ $unchanged } 人不变
team-merge-done = 已把 `{ $file }` 合并到 `{ $team_file }`：{ $summary }
team-merge-dry-run = 试运行，未写入；`{ $file }` 合并到 `{ $team_file }`：{ $summary }
team-managers-created = 只作为上级出现、已按 id 添加：{ $ids }（请在团队文件中写上姓名）
team-defaults-added = 新增角色默认负责人：{ $roles }
team-attributes-kept = 作为人员属性保留的列：{ $columns }
error-no-team-file = `salesflow import team` 需要合并到的团队文件
help-no-team-file = 在 salesflow.yaml 中设置 `team:`，或用 `--team 文件` 指定（不存在时会创建）

progress-customers = {"{"}bar:40{"}"} {"{"}pos{"}"}/{"{"}len{"}"} 个客户 {"{"}eta{"}"}
progress-rows = {"{"}bar:40{"}"} {"{"}pos{"}"}/{"{"}len{"}"} 行 {"{"}eta{"}"}

## 表头

column-id = 编号
column-name = 名称
column-stage = 阶段
column-health = 健康度
column-segment = 客户分层
column-tags = 标签
column-task = 任务
column-customer = 客户
column-title = 标题
column-assignee = 负责人
column-due = 截止
column-state = 状态
column-signal = 信号
column-risk = 风险
column-keyword = 关键词
column-event = 事件
column-at = 时间
column-verdict = 判定
task-suppressed = 已抑制（上线之前）

## --help：各命令的作用、参数和退出码

cli-heading-usage = 用法：
cli-heading-commands = 命令
cli-heading-arguments = 参数
cli-heading-options = 选项
cli-heading-global = 全局选项
cli-help = 显示帮助
cli-version = 显示版本
cli-salesflow = 由机器执行的销售流程规则：检查、测试规则，计算工作时间，并在客户数据库上运行规则。
cli-salesflow-exit =
    退出码：
      0  成功
      1  规则或数据有误（各命令的 --help 有具体说明）
      2  用法错误，或文件、数据库无法读取
cli-global--db = 客户数据库（默认：salesflow.yaml 的 `db`，否则为 `salesflow.db`）
cli-global--rules = 规则主文件（默认：salesflow.yaml 的 `rules`）
cli-global--team = 团队文件（默认：salesflow.yaml 的 `team`）
cli-global--config = 设置文件（默认：当前目录或最近的上级目录中的 salesflow.yaml）
cli-global--at = 「现在」的时间：RFC 3339，或规则时区中的 `2026-03-02 09:00`（默认：系统时钟）
cli-global--format = 输出格式：human（默认）、json；test 另有 junit
cli-global--lang = 消息语言：en、zh（默认：salesflow.yaml 的 `lang`，否则取系统区域设置 LC_ALL、LC_MESSAGES、LANG）
cli-global--verify = 命令读取前先检查整个数据库文件是否损坏（PRAGMA quick_check，会读遍每一页）

cli-check = 解析并检查规则文件；报告每个文件的每个错误
cli-check--paths = 规则文件，或含 `*.flow` 的目录（默认：salesflow.yaml 的 `rules`）；被另一个给定文件 include 的文件作为该流程的一部分检查
cli-check--deny_warnings = 有警告也算失败（退出码 1）
cli-check-exit =
    退出码：
      0  没有错误（除非 --deny-warnings，否则允许警告）
      1  有错误，或在 --deny-warnings 下有警告
      2  用法错误，文件、salesflow.yaml 或团队文件无法读取

cli-fmt = 按标准格式重写规则文件（原地改写，或 --check、--diff）
cli-fmt--paths = 规则文件，或含 `*.flow` 的目录（默认：salesflow.yaml 中 `rules` 所在的目录）
cli-fmt--check = 不写入；列出会改变的文件，有则退出码为 1
cli-fmt--diff = 不写入；以统一 diff 格式显示会改变的内容
cli-fmt-exit =
    退出码：
      0  成功（--check：所有文件都已是标准格式）
      1  某个文件有语法错误（保持原样），或在 --check 下有文件会改变
      2  用法错误，文件无法读取或无法写入

cli-test = 运行规则测试：客户、事件时间线，以及规则在给定时间前应做的事；在内存数据库上以虚拟时间运行
cli-test--paths = 测试文件，或递归查找 `*.yaml` 的目录（默认：salesflow.yaml 的 `tests`，否则其旁边的 tests/ 目录）
cli-test--filter = 只运行名称或文件路径包含 PATTERN 的测试
cli-test--coverage = 列出被测流程的每个健康状态、客户分层、升级步骤、风险、标签和 `on` 动作块，以及是否有测试覆盖
cli-test--threshold = 覆盖率低于 N% 时失败（退出码 1；隐含 --coverage）
cli-test-exit =
    退出码：
      0  所有测试通过（且覆盖率达到 --threshold）
      1  有测试失败，或覆盖率低于 --threshold
      2  测试文件无法读取或解析（包括未知的键），或其规则未通过检查；用法错误

cli-calendar = 用规则中的日历计算工作时间，手工核对截止时间
cli-calendar--name = 规则中日历的名称
cli-calendar-exit =
    退出码：
      0  计算完成
      1  规则未通过检查
      2  用法错误：没有规则、规则中未声明该日历、时间、日期或时长写法有误
cli-calendar-add = 从 TIME 起经过 DURATION 的工作时间后的时刻
cli-calendar-add--time = 时间（规则时区中的 `2026-03-02 09:00`，或 RFC 3339）
cli-calendar-add--duration = 时长：`48h`、`7h30m`、`2d`（工作日）
cli-calendar-add-exit = { cli-calendar-exit }
cli-calendar-between = 两个时刻之间的工作时间
cli-calendar-between--from = 开始
cli-calendar-between--to = 结束
cli-calendar-between-exit = { cli-calendar-exit }
cli-calendar-show = 每天的工作时间及原因
cli-calendar-show--from = 第一天（YYYY-MM-DD）
cli-calendar-show--to = 最后一天（YYYY-MM-DD）
cli-calendar-show-exit = { cli-calendar-exit }

cli-init = 创建项目：数据库，以及（不存在时）可直接运行的初始 salesflow.yaml、规则文件、团队文件、规则测试和示例客户与事件；从不覆盖任何文件
cli-init-exit =
    退出码：
      0  已创建数据库
      1  该路径已有数据库（或其他文件）：未做任何改动
      2  用法错误，或文件无法写入

cli-import = 从 CSV、XLSX、JSON Lines 或 YAML 导入团队、客户、事件、阶段或任务；逐行检查，只要有一行出错就不写入任何内容
cli-import--kind = 文件的内容：team、customers、events、stages、tasks
cli-import--file = `.csv`、`.xlsx`（第一个工作表，或 `--sheet`）、`.jsonl` 或 `.yaml` 文件
cli-import--sheet = 要读取的 XLSX 工作表：表名或从 1 起的序号
cli-import--encoding = CSV 文件的文本编码（默认：UTF-8，否则检测为 GB18030）
cli-import--dry_run = 检查每一行并统计将写入的内容；不写入
cli-import--map = 把外部 CRM 导出的列映射为本工具的列（见 docs/import-map.md）
cli-import-exit =
    退出码：
      0  已导入（--dry-run：可以导入），重复导入的行计为已记录
      1  有行被拒绝（每个错误都列出文件、行和列），或规则未通过检查：没有写入任何内容
      2  用法错误，文件无法读取，或没有数据库

cli-report = 管理者报表：漏斗、成交卡在哪里以及原因（停留）、旅程目标是否达成
cli-report--kind = 哪张报表：funnel、dwell 或 journey
cli-report--from = 统计期的第一天（`2026-03-01`）或起始时刻（默认：--to 之前 30 天）
cli-report--to = 统计期的最后一天（`2026-03-31`），或不计入的第一个时刻（默认：--at）
cli-report--by = 按负责人、客户分层、标签或周拆分（dwell：热力图的列）
cli-report--compare_to = 与另一统计期对比：`previous`，或 `2026-02-01..2026-02-28`
cli-report--calendar = 按规则中的这个日历计算工作日（默认：第一个声明的日历）
cli-report--out = 写入文件 FILE 而不是标准输出
cli-report-exit =
    退出码：
      0  报表已生成
      1  规则未通过检查
      2  用法错误（统计期、--compare-to 或 --calendar 有误），没有数据库，或输出文件无法写入

cli-plan = `apply` 现在会做什么；不写入任何内容（数据库文件逐字节不变）
cli-plan--detailed_exitcode = 无事可做退出码为 0，有待执行的动作为 2，出错为 1
cli-plan-exit =
    退出码：
      0  已生成计划（--detailed-exitcode：无事可做）
      1  规则未通过检查，或模板渲染失败（--detailed-exitcode：任何错误）
      2  用法错误，输入无法读取，或没有数据库（--detailed-exitcode：仅表示有待执行的动作）

cli-apply = 运行规则并把每个结果记录一次：健康度、风险信号、任务、升级步骤、待发消息
cli-apply-exit =
    退出码：
      0  已执行（或没有到期的内容）
      1  规则未通过检查，或某个客户的模板渲染失败（其他结果已记录；失败的消息每次 apply 都会重试）
      2  用法错误，输入无法读取，或没有数据库

cli-explain = 说明客户为何处于当前的健康状态、客户分层和阶段，以及其计时器
cli-explain--customer = 客户 id
cli-explain-exit =
    退出码：
      0  已说明
      1  没有这个客户，或规则未通过检查
      2  用法错误，输入无法读取，或没有数据库

cli-list = 列出符合规则语言条件的客户
cli-list--filter = 规则语言的条件：`tagged 新能源 and health is yellow`
cli-list--replay = 重放每个客户，即使存储的列已能判定（供比较两种方式的测试使用）
cli-list-exit =
    退出码：
      0  已列出（可能没有客户）
      1  规则或 --where 条件未通过检查
      2  用法错误，输入无法读取，或没有数据库

cli-update = 记录客户的进展更新（规则规定需要哪些字段）
cli-update--customer = 客户 id
cli-update--status = 当前进展
cli-update--next_action = 下一步行动
cli-update--blocker = 卡点
cli-update--note = 备注
cli-update--evidence = 证据引用（可重复给出多个）
cli-update--by = 记录人（团队中的人员 id）
cli-update-exit =
    退出码：
      0  已记录（或已记录过：同一事件只存一次）
      1  拒绝：缺少 `update requires` 要求的字段，客户或 --by 的人员未知，或规则未通过检查
      2  用法错误，输入无法读取，或没有数据库

cli-move = 记录客户进入了某个销售阶段
cli-move--customer = 客户 id
cli-move--stage = 进入的阶段
cli-move--evidence = 证据引用（可重复给出多个）；阶段写有 `evidence required` 时必填
cli-move--note = 备注
cli-move--by = 记录人（团队中的人员 id）
cli-move-exit =
    退出码：
      0  已记录（或已记录过：同一事件只存一次）
      1  拒绝：阶段、客户或 --by 的人员未知，缺少阶段要求的证据，或规则未通过检查
      2  用法错误，输入无法读取，或没有数据库

cli-task = 列出任务，或完成一个任务
cli-task-exit = { cli-salesflow-exit }
cli-task-list = 按编号列出任务
cli-task-list--customer = 只看该客户的
cli-task-list--open = 只看未完成的
cli-task-list-exit =
    退出码：
      0  已列出（可能为空）
      1  没有这个客户（--customer）
      2  用法错误，或没有数据库
cli-task-done = 完成任务：记录一条规则能看到的 `task_done` 事件
cli-task-done--id = 任务编号（见 `task list`）
cli-task-done--by = 完成人（团队中的人员 id）
cli-task-done-exit =
    退出码：
      0  已完成（或之前已完成）
      1  没有这个任务，或 --by 的人员未知
      2  用法错误，或没有数据库

cli-signal = 列出风险信号，或判定一个信号
cli-signal-exit = { cli-salesflow-exit }
cli-signal-list = 按时间列出风险信号
cli-signal-list--customer = 只看该客户的
cli-signal-list--open = 只看未判定的
cli-signal-list-exit =
    退出码：
      0  已列出（可能为空）
      1  没有这个客户（--customer）
      2  用法错误，或没有数据库
cli-signal-verdict = 判定风险信号：记录一条 `verdict` 事件（计入 `risk_accuracy`）
cli-signal-verdict--id = 信号编号（见 `signal list`）
cli-signal-verdict--verdict = 风险是否属实：confirmed（属实）、false（误报）
cli-signal-verdict--by = 判定人（团队中的人员 id）
cli-signal-verdict-exit =
    退出码：
      0  已判定
      1  没有这个信号，或 --by 的人员未知
      2  用法错误，或没有数据库

## outbox、run：投递

outbox-none = 没有消息
outbox-col-id = 编号
outbox-col-status = 状态
outbox-col-kind = 类型
outbox-col-to = 收件人
outbox-col-channel = 渠道
outbox-col-customer = 客户
outbox-col-created = 创建时间
outbox-col-due = 待发时间
outbox-col-subject = 主题
outbox-col-attempt = 尝试
outbox-col-at = 时间
outbox-col-outcome = 结果
outbox-col-error = 错误
outbox-field-message = 消息
outbox-field-key = 幂等键
outbox-field-status = 状态
outbox-field-kind = 类型
outbox-field-to = 收件人
outbox-field-cc = 抄送
outbox-field-customer = 客户
outbox-field-channel = 渠道
outbox-field-created = 创建时间
outbox-field-due = 待发时间
outbox-field-delivered = 送达时间
outbox-field-attempts = 尝试次数
outbox-field-last-error = 最近错误
outbox-field-origin = 来源
outbox-field-subject = 主题
outbox-interrupted = （中断）
outbox-delivered = 投递于 { $at }：{ $counts }
outbox-delivery-line = #{ $id } 发给 { $to }（{ $channel }）：{ $status }：{ $error }{ $next }
outbox-delivery-nowhere = #{ $id } 发给 { $to }：{ $status }：{ $error }
outbox-next-attempt = ；下次尝试 { $at }
outbox-retry-none = 没有需要重试的消息
outbox-retried = 消息 { $id } 已重新待发（原状态 { $from }）
deliver-counts = 已发送 { $sent }，失败 { $failed }，放弃 { $dead }{ $waiting ->
        [0] {""}
       *[other] ，{ $waiting } 条等待限流
    }
run-tick = { $at } 轮次：访问 { $customers } 个客户，{ $applied }{ $errors ->
        [0] {""}
       *[other] ；{ $errors } 个规则错误（见 `salesflow plan`）
    }{ $digests ->
        [0] {""}
       *[other] ；已排队 { $digests } 份推送报告
    }；投递：{ $delivered }
run-tick-failed = { $at } 轮次失败：{ $error }
run-no-channels = 无（未配置渠道）
error-run-every = `--every { $value }` 不是一秒或更长的时长
help-run-every = 例如 `--every 5m`、`--every 1h`
error-signals = 无法监听信号：{ $reason }
error-outbox-unknown-message = 发件箱中没有消息 { $id }
help-outbox-unknown-message = `salesflow outbox list` 会列出消息编号
error-outbox-sent = 消息 { $id } 已于 { $at } 发送：不重试
help-outbox-sent = 重试会重复发送；新的消息需要新的记录
error-outbox-suppressed = 消息 { $id } 已被抑制（客户上线前产生）：不重试
help-outbox-suppressed = 被抑制的消息永远不会发送
error-channel-shape = salesflow.yaml：第 { $index } 个渠道：{ $reason }
help-channel-shape = 渠道的写法是 `{"{"} name, kind: wecom|dingtalk|feishu|webhook|email, … {"}"}`；见 README「Delivering messages」
error-channel-duplicate = salesflow.yaml：有两个渠道都叫 `{ $name }`
help-channel-duplicate = 每个渠道要有自己的 `name`
error-channel-missing = salesflow.yaml：渠道 `{ $channel }`（{ $kind }）缺少 `{ $field }`
help-channel-missing-url = 填写保存机器人 Webhook 地址的环境变量名
help-channel-missing-smtp = 邮件服务器，写作 `host:port`，例如 `smtp.exmail.qq.com:587`
help-channel-missing-from = 发件地址，例如 `crm@example.com` 或 `销售助手 <crm@example.com>`
help-channel-missing-pair = 请在另一项旁边补上 `{ $field }`
error-channel-foreign = salesflow.yaml：`{ $field }` 不是渠道 `{ $channel }`（{ $kind }）的设置项
help-channel-foreign = 删除它，或检查渠道的 `kind`
error-channel-secret-in-file = salesflow.yaml：渠道 `{ $channel }` 把机器人地址写在了文件里
help-channel-secret-in-file = { $kind } 机器人的地址里带着令牌：请放进环境变量，并用 `url_env` 写出变量名
error-channel-bad = salesflow.yaml：渠道 `{ $channel }`：`{ $field }: { $value }` { $why }
help-channel-url = 例如 `https://crm.example.com/hooks/salesflow`
help-channel-env-url = 填写厂商给出的 Webhook 地址
help-channel-duration = 例如 `10s`、`1m`、`1h 30m`
help-channel-attempts = 至少 1 次
help-channel-smtp = 写作 `host:port`，例如 `smtp.exmail.qq.com:587`
help-channel-rate = 例如 `20/min`、`5/s`
help-channel-ca-file = PEM 文件，路径相对于 salesflow.yaml
error-channel-unset-env = 渠道 `{ $channel }`：环境变量 `{ $var }` 未设置
help-channel-unset-env = 请在 salesflow 运行的环境中设置 `{ $var }`（systemd 用 `EnvironmentFile=`）；它的值不会被写到任何地方
error-customer-channel-unknown = salesflow.yaml：`customer_channel: { $name }` 不是任何渠道
help-customer-channel-unknown = 请填写 `channels:` 中某个渠道的 `name`
error-no-channels = salesflow.yaml 没有 `channels:`，无处可投递
help-no-channels = 添加一个渠道，例如 `channels: [{"{"} name: sales-group, kind: wecom, url_env: WECOM_WEBHOOK {"}"}]`
error-digest = salesflow.yaml：第 { $index } 个推送报告：{ $problem }
help-digest-report = funnel、dwell、journey 之一
help-digest-every = 例如 `mon 09:00`、`daily 18:00`、`weekdays 09:00`、`monthly 1 09:00`
help-digest-no-goals = 只有 journey 报告有可以未达成的目标
help-digest-only-when = 条件只有 `missed`（journey 报告有目标未达成）
help-digest-to = 团队文件中的人员 id，或有人担任的角色
error-digest-report = 发给 `{ $to }` 的推送报告 `{ $report }`：{ $reason }
help-digest-report-failed = `salesflow report { $report }` 会给出同一份报告及其错误
why-not-url = 不是 http:// 或 https:// 地址
why-env-not-url = 保存的不是 http:// 或 https:// 地址
why-not-duration = 不是时长
why-zero-attempts = 一次也不会发送
why-port = 端口无效
why-host = 缺少主机名
why-rate-shape = 不是 `N/单位` 的写法
why-rate-count = `/` 前不是正数：`{ $count }`
why-rate-unit = 单位 `{ $unit }` 未知（s、min 或 h）
why-unreadable = 无法读取：{ $reason }
why-not-address = 不是邮件地址：{ $reason }
digest-problem-report = `report: { $report }` 不是报告
digest-problem-every = `every: { $every }`：{ $why }
digest-problem-no-goals = `only_when: missed` 用在没有目标的 `report: { $report }` 上
digest-problem-only-when = `only_when: { $value }` 不是条件
digest-problem-to = `to: { $to }` 既不是团队中的人员也不是角色
schedule-problem-shape = 请写作 `日子 HH:MM`
schedule-problem-time = `{ $value }` 不是时刻（HH:MM）
schedule-problem-day = `{ $value }` 不是 `daily`、`weekdays`、星期几（`mon`、`周一`）或 `monthly D`
schedule-problem-month-day = `{ $value }` 不是 1 到 28 之间的日期

## outbox 与 run 的 --help

cli-outbox = 规则产生的消息：列出、查看、投递、重试
cli-outbox-exit = { cli-salesflow-exit }
cli-outbox-list = 按编号列出规则产生的消息及其投递状态
cli-outbox-list--status = 只看该状态的消息：pending、sent、failed、dead、suppressed
cli-outbox-list--customer = 只看关于该客户的消息
cli-outbox-list--since = 只看在 TIME 及之后创建的消息（规则时区的 `2026-03-02 09:00`，或 RFC 3339）
cli-outbox-list-exit =
    退出码：
      0  已列出（没有匹配也是 0）
      1  未知客户
      2  用法错误（--since 写错），或没有数据库
cli-outbox-show = 查看一条消息：正文、收件人、渠道和每次投递尝试
cli-outbox-show--id = 消息编号（见 `outbox list`）
cli-outbox-show-exit =
    退出码：
      0  已显示
      1  没有这个编号的消息
      2  用法错误，或没有数据库
cli-outbox-deliver = 把到期的消息发到 salesflow.yaml 的渠道：失败的稍后按退避重试，每个渠道不超过其限流
cli-outbox-deliver-exit =
    退出码：
      0  到期的消息都已发送，或失败后将重试
      1  本次有消息被放弃（dead）：`salesflow outbox list --status dead`
      2  用法错误：没有数据库、没有渠道、渠道设置或它指定的环境变量缺失
cli-outbox-retry = 让失败或已放弃的消息立即重新待发，尝试次数重新计算（修好渠道、团队文件中的账号或客户联系人之后）
cli-outbox-retry--ids = 消息编号（见 `outbox list`）
cli-outbox-retry--dead = 所有已放弃的消息
cli-outbox-retry-exit =
    退出码：
      0  消息已重新待发
      1  给出的编号没有消息，或某条已发送或被抑制（此时不做任何改动）
      2  用法错误，或没有数据库
cli-run = 调度器：执行规则、排队到期的推送报告、再投递发件箱；每隔 `--every`，或 `--once` 一次。SIGINT/SIGTERM 会发完手头的消息后以 0 退出
cli-run--every = 每隔 DURATION（`5m`、`1h`）运行一轮，直到收到 SIGINT 或 SIGTERM
cli-run--once = 运行一轮后退出（供 cron 使用）
cli-run-exit =
    退出码：
      0  收到 SIGINT 或 SIGTERM 并发完手头的消息后停止，或 --once 完成
      1  --once：某个客户的规则出错，或有消息被放弃；或第二次收到 SIGINT/SIGTERM（立即停止）
      2  用法错误：没有数据库、没有规则、渠道或推送报告设置或它指定的环境变量缺失
## demo

demo-title = salesflow 演示：{ $customers } 个客户，{ $days } 天（{ $from } 至 { $to }，{ $zone }），种子 { $seed }，规则“{ $flow }”
demo-recorded = 团队记录了什么
demo-records = { $events } 条记录（拜访和备注、进展更新、阶段变更、任务完成、信号判定）；其中 { $late } 条是补录的，录入时 apply 已经过了它们的时间
demo-tasks = 任务：{ $on_time } 个按时完成，{ $late } 个逾期完成，{ $overdue } 个已过期仍未完成
demo-verdicts = 风险信号判定：{ $confirmed } 个属实，{ $false } 个误报
demo-rules-did = 规则做了什么
demo-health = 健康度变化：{ $list }
demo-signals = 风险信号：{ $n } 个（{ $list }）
demo-steps = 升级步骤触发：{ $list }
demo-tasks-created = 创建的任务：{ $list }
demo-stages = 客户当前阶段：{ $list }
demo-rule-errors = 规则运行时出现 { $n } 个错误（模板中有未定义的值），例如 { $first }
demo-examples = 实例
demo-health-example = { $name }（{ $id }）于 { $at } 变为{ $label }（{ $state }）
demo-because = 依据：{ $rule }
demo-evidence = 证据：{ $at } { $actor } 的 { $kind }：“{ $text }”
demo-signal-example = { $name }（{ $id }）的风险“{ $label }”（{ $risk }）：{ $at } 的 { $kind } 中出现关键词“{ $keyword }”：“{ $text }”
demo-judged = 判定：{ $verdict }
demo-strategy = 应对策略：{ $strategy }
demo-step-example = 升级“{ $label }”（{ $escalation }）的步骤 `{ $step }` 于 { $at } 到期，客户 { $name }（{ $id }）
demo-the-customer = 客户
demo-message = 发给 { $to }：“{ $body }”
demo-message-cc = 发给 { $to }（抄送 { $cc }）：“{ $body }”
demo-outbox = 消息发件箱
demo-outbox-counts = { $n } 条消息：{ $notify } 条发给团队，{ $message } 条发给客户；{ $pending } 条待发送，{ $suppressed } 条已抑制（上线前产生，不会发送）
demo-highlight = { $at }“{ $subject }”（{ $id }）发给 { $to }：“{ $body }”
demo-reports = 报表
demo-report-period = 统计区间 { $period }
demo-report-funnel = { $title }：{ $stages }；赢单 { $won }，丢单 { $lost }
demo-report-dwell = { $title }：耗时最长的是 { $stage }（{ $visits } 次停留结束），平均 { $mean } 天（中位 { $median }，p90 { $p90 }）{ $reason }
demo-report-dwell-reason = ，其中“{ $reason }”占延误时长的 { $share }
demo-report-dwell-none = { $title }：本期没有结束的阶段停留
demo-report-metric = { $metric ->
        [node_coverage] 节点覆盖率
        [response_sla] 响应及时率
       *[risk_accuracy] 风险识别准确率
    } { $value }{ $goal }
demo-report-journey = { $title }：活跃客户 { $active } 个；{ $metrics }
demo-report-html = HTML 报表：{ $path }
demo-files = 文件
demo-project = 项目：{ $dir }（salesflow.yaml、rules/、team.yaml）
demo-store = 数据库：{ $db }
demo-try-next = 接下来可以试试
demo-built = 已生成 { $db }：{ $customers } 个客户，{ $days } 天（{ $from } 至 { $to }）共 { $events } 条记录
error-demo-not-empty = `{ $dir }` 不是空文件夹
help-demo-not-empty = 用 `--dir` 指定一个新的或空的文件夹，或不加 `--dir` 使用临时文件夹
help-demo-unwritable = 检查文件夹是否可写、磁盘是否有空间
error-demo-rules = 演示规则未通过检查：{ $reason }
help-demo-rules = 对演示文件夹中的规则运行 `salesflow check` 可以看到出错位置
error-demo-refused = 生成器产生了一条规则拒绝的记录：{ $reason }
help-demo-refused = 这是演示生成器的缺陷：请连同种子和规模一起报告

cli-demo = 生成演示项目：示例规则、团队和一个逐日运行规则的客户数据库，然后介绍规则做了什么
cli-demo--dir = 演示项目放在哪里：新的或空的文件夹（默认：系统临时目录下新建的文件夹，运行后保留）
cli-demo--customers = 生成多少个客户（约 30% 在第一天已在 CRM 中，其余在之后陆续到来）
cli-demo--days = 历史天数，每天晚上运行一次 apply；截止到 --at 的前一天（默认：今天）
cli-demo--seed = 生成器的种子：相同的种子、规模和 --at 日期生成相同的数据库
cli-demo--no_tour = 只生成数据库并给出位置，不做介绍（用于基准测试）
cli-demo-exit =
    退出码：
      0  演示项目已生成（并已介绍）
      2  用法错误、--dir 不是空文件夹，或文件无法写入

## report: the words and headers of the reports, their findings and errors

report-word-funnel = 销售漏斗
report-word-dwell = 阶段停留时长
report-word-journey = 旅程目标
report-word-compared-with = 对比区间
report-word-stage = 阶段
report-word-reached = 到达客户数
report-word-conversion = 转化率
report-word-pass-rate = 通过率
report-word-won = 赢单
report-word-lost = 丢单
report-word-visits = 次数
report-word-mean = 平均
report-word-median = 中位数
report-word-p90 = P90
report-word-mean-working = 平均（工作日）
report-word-median-working = 中位数（工作日）
report-word-p90-working = P90（工作日）
report-word-expect = 预期
report-word-overdue = 超期占比
report-word-top-reasons = 主要延误原因
report-word-delay-reasons = 延误原因
report-word-none-recorded = （未记录）
report-word-heatmap = 平均停留时长
report-word-week = 周
report-word-owner = 负责人
report-word-segment = 客群
report-word-tag = 标签
report-word-no-segment = （无客群）
report-word-untagged = （无标签）
report-word-metric = 指标
report-word-value = 数值
report-word-goal = 目标
report-word-met = 达标
report-word-yes = 是
report-word-no = 否
report-word-numerator = 分子
report-word-denominator = 分母
report-word-milestone = 里程碑
report-word-coverage = 覆盖率
report-word-customers = 客户数
report-word-covered = 有证据
report-word-findings = 发现
report-word-no-findings = 所有目标均已达成
report-word-active-customers = 活跃客户
report-word-node-coverage = 节点覆盖率
report-word-response-sla = 响应及时率
report-word-risk-accuracy = 风险识别准确率
report-word-change = 变化
report-word-no-data = 本区间无数据
report-word-working-days-on = 工作日按日历
report-finding-coverage = { $milestone } 节点覆盖率 { $pct }（目标 { $goal }）：{ $missing } 家客户缺失
report-finding-coverage-blocker = ，主因「{ $blocker }」（{ $n } 家）
report-finding-coverage-no-blocker = ，均未记录阻塞原因
report-suggest-settle-blocker = 逐一与这 { $n } 家客户确认「{ $blocker }」的解决时间，并在进入 { $milestone } 时登记证据
report-suggest-require-evidence = 在 pipeline 中为 { $milestone } 加上 `evidence required`，进入时必须登记证据
report-suggest-check-skipped = 核查这些客户为何跳过了 { $milestone }，并请负责人补录带阻塞原因的进展
report-who = { $person }{" "}
report-who-role = { $person }（{ $role }）
report-finding-sla = 响应及时率 { $pct }（目标 { $goal }）：{ $who }未按时完成最多，{ $counted } 项中 { $missed } 项超时，多为「{ $title }」
report-suggest-sla = 核查 { $person } 的工作量，把部分「{ $title }」分给同事，并在到期前提醒
report-finding-risk = 风险识别准确率 { $pct }（目标 { $goal }）：风险「{ $label }」（{ $risk }）误报最多，{ $judged } 次判定中 { $false_alarms } 次误报，多由关键词「{ $keyword }」触发
report-suggest-risk = 复核风险 { $risk } 的关键词：收窄「{ $keyword }」，或为其常见误报语境加 `unless` 排除词
report-finding-with-suggestion = { $finding }。建议：{ $suggestion }。
report-unit-days = { $n }天
report-unit-points = { $n }个百分点
error-report-bad-time = `--{ $flag }` 的值 `{ $value }` 不是日期或时间
help-report-bad-time = 请写日期（`2026-03-01`，按规则流时区的整天）、时间（`2026-03-01 09:00`）或 RFC 3339
error-report-empty-period = 统计区间为空：从 `{ $from }` 开始，到 `{ $to }` 结束
help-report-empty-period = `--to` 是计入的最后一天（日期）或第一个不计入的时刻（时间）；请给一个更早的 `--from`
error-report-bad-compare = `--compare-to` 的值 `{ $value }` 不是 `previous` 或 `YYYY-MM-DD..YYYY-MM-DD`
help-report-bad-compare = `--compare-to previous` 与紧邻其前、同样长度的区间对比；`--compare-to 2026-02-01..2026-02-28` 与这些日期对比
error-report-unknown-calendar = 规则中没有日历 `{ $name }`
help-report-unknown-calendar = 工作日按规则中的 `calendar` 计算；不加 `--calendar` 时用第一个声明的日历
## explain：条件行

explain-state-holds = { $name } "{ $label }" 成立
explain-state-fails = { $name } "{ $label }" 不成立
explain-state-otherwise = { $name } "{ $label }" 其余情况（otherwise）
explain-value-never = 从未
explain-value-working = { $duration } 工作时间
explain-value-no-event = { $duration }（没有此类事件：从客户创建时起算）
explain-value-none = （无）
explain-value-not-set = （未设置）

## check: diagnostics of conditions

check-help-did-you-mean = 是不是要写 `{ $name }`？
check-help-none-declared = 没有声明任何{ $what }
check-help-declared-are = 已声明的{ $what }有 { $names }
check-health-no-state = `health` 没有声明任何状态
check-label-empty = 为空
check-help-health-no-state = 在列表末尾加一个兜底状态，例如 `green "正常推进" otherwise`
check-last-state-otherwise = 最后一个健康状态必须是 `otherwise`
check-label-may-match-no-state = 客户可能一个状态都不符合
check-help-last-state-otherwise = 在 `{ $name }` 之后加一个总是成立的状态，例如 `green "正常推进" otherwise`
check-is-not-a-name-type = `is` 只能判断阶段、健康状态或客户分层，不能判断{ $ty }
check-label-this-is = 这是{ $ty }
check-help-compare-with-eq = 比较值请用 `==`
check-not-a-condition = `{ $text }` 是{ $ty }，不是条件
check-help-compare-duration = 请拿它做比较，例如 `{ $text } > 14d`
check-help-test-name = 请用 is 判断，例如 `{ $text } is 名称`
check-help-compare-number = 请拿它做比较，例如 `{ $text } > 0`
check-bare-name-alone = 单独一个 `{ $name }` 不是条件
check-label-bare-name = 裸名称
check-help-bare-name-alone = 请拿某个值和它比较，例如 `stage is { $name }` 或 `tagged { $name }`
check-bare-names-compared = 两个裸名称之间无法比较
check-help-bare-names-compared = 其中一边必须是值，例如 `stage`、`health` 或 `customer.字段`
check-label-another-bare-name = 另一个裸名称
check-op-not-ordered = `{ $op }` 不能用于{ $ty }
check-label-no-order = { $ty }没有大小顺序
check-help-use-eq = 请用 `==` 或 `!=`
check-cannot-compare = { $ty }不能和{ $other }比较
check-bare-name-not-type = `{ $name }` 不是{ $ty }
check-help-bare-name-stands-for = 裸名称表示阶段、健康状态、客户分层或文本；文本请加引号，写成 `"…"`
check-label-not-a-stage = 流水线中没有这个阶段
check-label-not-a-state = `health` 中没有这个状态
check-label-not-a-segment = 没有声明这个客户分层
check-label-not-a-risk = 没有声明这个风险
check-label-not-a-tag = 没有声明这个标签
check-label-not-a-role = 没有声明这个角色
check-label-not-a-calendar = 没有声明这个日历
check-label-not-a-template = 没有声明这个模板
check-unknown-name = 未知{ $kind } `{ $name }`
check-label-not-a-kind-or-group = 不是事件类型或事件组
check-help-declare-field = 请先声明：`field { $name }: text`
check-unknown-field = 未知字段 `customer.{ $name }`
check-label-not-a-field = 不是已声明的字段，也不是内置字段
check-weeks-under-clock = `w` 不是 `{ $name }` 计时的单位
check-label-weeks-under-clock = 按日历计时时不能用周
check-help-weeks-under-clock = 按日历计时时 `d` 表示工作日：请写 `{ $days }d`
check-help-mismatch-duration = 请给数字加上单位，例如 `14d` 或 `48h`
check-help-mismatch-percent = 两边都写成百分比，例如 `80%`
check-help-mismatch-date = `2026-03-02` 这样的日期只能和 `date` 字段或 `customer.created_at` 这样的时间点比较
check-help-mismatch = 比较的两边必须是同一种类型；这里一边是{ $ty }，一边是{ $other }

## nouns: kinds of things named in diagnostics

noun-stage = 阶段
noun-health-state = 健康状态
noun-segment = 客户分层
noun-risk = 风险
noun-tag = 标签
noun-role = 角色
noun-calendar = 日历
noun-template = 模板
noun-event-kind = 事件类型
noun-field = 字段
noun-variable = 变量
noun-attribute = 属性
noun-filter = 过滤器
noun-time-zone = 时区
noun-duration = 时长（duration）
noun-number = 数字（number）
noun-money = 金额（money）
noun-percent = 百分比（percent）
noun-bool = 布尔值（bool）
noun-text = 文本（text）
noun-date = 日期（date）
noun-time = 时间点（time）

## check: declarations

check-declared-twice = { $what } `{ $name }` 声明了两次
check-label-declared-again = 在这里再次声明
check-label-first-declared = 首次声明在这里
check-help-declared-twice = 名称在文件及其 include 的文件中全局有效；请改名或删掉其中一个 `{ $name }`
check-item-twice = 一个规则流只能有一个 `{ $kind }`
check-label-second-one = 第二个在这里
check-label-first-one = 第一个在这里
check-help-item-twice = 把两个 `{ $kind }` 合并成一个
check-flow-not-first = `flow` 必须是第一项
check-label-not-first = 不在第一项
check-help-flow-not-first = 把 `flow "…"` 移到主文件的最前面
check-help-iana = 请用 IANA 时区名，例如 `Asia/Shanghai`
check-unknown-timezone = 未知时区 `{ $name }`
check-label-not-iana = 不是 IANA 时区
check-unknown-field-type = 未知字段类型 `{ $name }`
check-label-not-a-type = 不是类型
check-builtin = `{ $name }` 是内置{ $what }
check-label-builtin = 内置
check-help-builtin = 不要声明它：{ $why }
check-why-owner = 每个客户都有 `owner`
check-why-builtin-kind = 它由 salesflow 自己记录
check-why-builtin-field = 每个客户都有这个字段
noun-field-type = 字段类型
noun-event-kind-or-group = 事件类型或事件组
noun-escalation = 升级规则

## syntax errors

syntax-unexpected = 此处不应出现 { $found }
syntax-label-expected = 这里应为 { $expected }
syntax-unterminated-string = 字符串没有结束
syntax-label-unterminated-string = 这个字符串没有闭合
syntax-help-unterminated-string = 在同一行用 `"` 结束字符串；多行文本请用 `"""…"""`
syntax-unterminated-block = 文本块没有结束
syntax-label-unterminated-block = 这个文本块没有闭合
syntax-help-unterminated-block = 用 `"""` 结束文本块
syntax-invalid-escape = 未知的转义 `{ $escape }`
syntax-label-invalid-escape = 不是转义字符
syntax-help-invalid-escape = 可用的转义有 `\"`、`\\`、`\n` 和 `\u{"{"}4E2D{"}"}`
syntax-invalid-duration = 无效的时长 `{ $text }`
syntax-invalid-number = 无效的数字 `{ $text }`
syntax-invalid-time = 无效的时刻 `{ $text }`
syntax-label-invalid-time = 不是一天中的时刻
syntax-help-invalid-time = 时刻的范围是 00:00 到 24:00
syntax-invalid-date = 无效的日期 `{ $text }`
syntax-label-invalid-date = 没有这一天
syntax-help-invalid-date = 日期写作 YYYY-MM-DD
syntax-too-complex = 条件过于复杂
syntax-label-too-complex = { $count } 个运算符，{ $depth } 层括号
syntax-help-too-complex = 一个条件最多 64 个 `and`/`or`/`not`、16 层括号；请拆开，例如拆成几个状态或一个标签
syntax-manager-chain = `manager of` 重复了 { $count } 次
syntax-label-manager-chain = `manager of` 太多
syntax-help-manager-chain = 接收人最多向上找 8 级上级，例如 `manager of manager of sales`
syntax-unmatched-paren = 多余的 `)`
syntax-label-unmatched-paren = 这个 `)` 没有对应的 `(`
syntax-help-unmatched-paren = 删掉它，或补上它要闭合的 `(`
syntax-unclosed-paren = `(` 没有闭合
syntax-label-unclosed-paren = 这个 `(` 没有闭合
syntax-help-unclosed-paren = 在分组条件结束处用 `)` 闭合
syntax-duration-no-unit = 时长需要单位
syntax-help-duration-no-unit = 请写 `{ $text }h` 或 `{ $text }d`；单位有 m、h、d、w
syntax-duration-unknown-unit = `{ $unit }` 不是单位
syntax-help-duration-units = 单位有 m（分钟）、h（小时）、d（天）、w（周）
syntax-too-large = 太大
syntax-help-fullwidth-semicolon = `；` 是全角标点，规则文件里没有它的用处：请删掉（各项和子句之间不需要分隔符），列表项之间请写 `,`
syntax-help-fullwidth-unread = `{ $mark }` 是全角标点，规则语言不认：请把输入法切到半角，写成 ASCII 的 `{ $ascii }`
syntax-help-block-open = 还有代码块没有闭合：请用 `{"}"}` 结束
syntax-help-item-starts = 每一项以 { $keywords } 开头
syntax-help-reserved = `{ $word }` 是保留字，不能用作名称
syntax-help-no-comma-cc = `cc` 和消息内容前面不加逗号
syntax-one-of = { $items } 或 { $last }
noun-end-of-file = 文件结尾
noun-something-else = 其他内容
noun-a-name = 名称
noun-an-item = 一项定义
noun-a-string = 字符串
noun-a-duration = 时长
noun-a-number = 数字
noun-a-whole-number = 整数
noun-a-percentage = 百分比
noun-a-date = 日期
noun-a-time-of-day = 时刻
noun-a-weekday = 星期几
noun-a-comparison = 比较运算符
noun-a-condition = 条件
noun-a-recipient = 接收人

## check: files and includes

check-io-not-found = 没有这个文件
check-io-permission = 没有权限
check-io-not-utf8 = 不是 UTF-8 文本
check-not-utf8 = `{ $path }` 不是 UTF-8 文本
check-label-not-utf8 = 偏移 { $offset }（第 { $line } 行）处的字节 { $byte } 不是 UTF-8
check-help-not-utf8 = 请把文件另存为 UTF-8；规则文件只按 UTF-8 读取
check-help-not-utf8-utf16 = 请把文件另存为 UTF-8（它看起来是 UTF-16）；规则文件只按 UTF-8 读取
check-help-not-utf8-gbk = 请把文件另存为 UTF-8（它看起来是 GBK/GB18030，即中文 Windows 默认的编码）；规则文件只按 UTF-8 读取
check-fullwidth = 全角 `{ $mark }` 已按 `{ $ascii }` 读取
check-label-fullwidth = 全角标点
check-help-fullwidth = 规则语言的标点是 ASCII 半角：请写 `{ $ascii }`（`salesflow fmt` 会自动改写）
check-include-unreadable = 无法读取 include 的文件 `{ $path }`
check-include-cycle = 循环 include：`{ $path }` 又 include 了这个文件
check-label-include-cycle = 这个 include 形成了循环
check-label-includes = include 了 `{ $path }`
check-help-include-cycle = include 链为 { $chain }

## check: items

check-label-not-a-kind = 没有声明这个事件类型
check-empty-keyword = 空关键词
check-label-matches-every-text = 会匹配所有文本
check-help-empty-keyword = 删掉它，或写上要查找的词
check-risk-no-keywords = 风险 `{ $name }` 没有关键词
check-label-never-matches = 永远不会命中
check-help-risk-no-keywords = 加一行，例如 `keywords "法务", "合规审查"`
check-tags-from-text = 标签只从文本字段读取，`customer.{ $name }` 是{ $ty }
check-unknown-metric = 未知指标 `{ $name }`
check-label-not-a-metric = 不是客户旅程指标
check-second-goal = `{ $name }` 有第二个目标
check-label-has-goal = 已经有目标了
check-help-second-goal = 每个指标只保留一个目标
check-goal-range = 目标必须在 0% 到 100% 之间
check-label-out-of-range = 超出范围
check-help-goal-range = 请写一个比例，例如 `goal { $name } >= 80%`
check-goal-percent = 目标必须是百分比
check-help-goal-percent = 请带上 `%`，例如 `goal node_coverage >= 80%`
check-not-update-field = `{ $name }` 不是周报（update）的字段
check-label-unknown = 未知
check-no-pipeline = 规则流没有 `pipeline`
check-help-no-pipeline = 请声明阶段：`pipeline {"{"} lead "线索"  signed "签约" won {"}"}`
check-won-and-lost = 阶段 `{ $name }` 同时标了 won 和 lost
check-label-won-here = 这里标了 won
check-help-won-and-lost = 一个阶段只能以一种方式结束商机：保留 `won` 或 `lost` 之一
check-no-won-stage = 流水线没有 `won` 阶段
check-label-no-won-stage = 没有阶段标为 `won`
check-help-no-won-stage = 请标出成交的阶段，例如 `signed "合同签署" won`
check-two-severities = 风险 `{ $name }` 有两个 severity
check-label-second-severity = 第二个 severity
check-help-two-severities = 只保留一行 `severity`
check-no-severity = 风险 `{ $name }` 没有 severity
check-label-no-severity = 缺少 `severity`
check-help-no-severity = 加上 `severity 状态`，写一个健康状态，例如 `yellow`
check-unknown-severity = severity `{ $name }` 不是任何健康状态
noun-metric = 指标
noun-update-field = 周报字段

## check: lints

check-no-otherwise-segment = 没有 `otherwise` 的客户分层
check-label-may-have-no-segment = 客户可能不属于任何分层
check-help-no-otherwise-segment = 在最后加一个兜底分层，例如 `segment new "新客首触" otherwise`
check-unused-template = 模板 `{ $name }` 从未使用
check-label-unused = 未使用
check-help-unused-template = 在 `notify` 或 `message` 中用 `template { $name }` 引用它，或删掉
check-unreachable = { $what } `{ $name }` 永远不会被用到
check-label-unreachable = 不可达
check-label-always-holds = 它前面的 `{ $name }` 总是成立
check-help-unreachable = 状态按顺序判断；请把 `{ $name }` 移到最后
check-duplicate-keyword = 关键词 `{ $keyword }` 同时出现在风险 `{ $risk }` 和 `{ $other }` 中
check-label-same-keyword = 同一个关键词又出现了
check-overlapping-keyword = 风险 `{ $risk }` 的关键词 `{ $keyword }` 包含风险 `{ $other }` 的 `{ $contained }`
check-label-contains-keyword = 包含另一个风险的关键词
check-label-first-here = 第一次出现在这里
check-label-keyword-contained = 被包含的关键词
check-help-keyword-overlap = 同一段文本会触发两个信号；请只在一个风险中保留这个关键词
check-what-shared-keyword = 风险共用关键词
check-what-contained-keyword = 关键词包含另一个风险的关键词
check-more-pairs = { $incomplete ->
    [yes] 另有至少 { $more } 对{ $what }（至少共 { $total } 对，已列出 { $shown } 对）
   *[no] 另有 { $more } 对{ $what }（共 { $total } 对，已列出 { $shown } 对）
}
check-label-first-not-shown = 第一处未列出的
check-help-more-pairs = 先修好已列出的这些；`check` 随后会列出其余的

## check: escalations and actions

check-two-clauses = 升级规则 `{ $name }` 有两个 `{ $clause }` 子句
check-help-two-clauses = 用 `and` 或 `or` 合并成一个 `{ $clause }`
check-steps-order = 升级规则 `{ $name }` 的步骤没有按时间先后排列
check-label-step-not-later = 这一步并不更晚
check-label-than-this = 比这一步
check-help-steps-order = 请把 `after` 步骤按从早到晚的顺序写
check-zero-period = `every` 的周期必须大于零
check-label-zero = 为零
check-help-zero-period = 请写一个周期，例如 `every 24h after 48h`
check-no-when = 升级规则 `{ $name }` 没有 `when`
check-label-never-starts = 永远不会启动
check-help-no-when = 请加上启动计时的条件，例如 `when health is yellow`
check-no-steps = 升级规则 `{ $name }` 没有步骤
check-label-does-nothing = 什么也不做
check-help-no-steps = 请加一个步骤，例如 `after 48h {"{"} notify owner template reminder {"}"}`
check-read-only = `customer.{ $name }` 不能被设置
check-label-computed = 由 salesflow 计算
check-help-read-only = 阶段变化用 `salesflow move` 记录；健康度和客户分层由规则决定
check-set-not-condition = `customer.{ $name }` 是{ $ty }，不是条件
check-label-a-condition = 条件
check-help-set-value = 请设置一个与字段类型相符的值

## check: calendars, labels, team

check-hours-overlap = `{ $day }` 的工作时间 { $range } 与 { $existing } 重叠
check-label-hours-overlap = 与前面的工作时间重叠
check-help-hours-overlap = 一天中的每一分钟只能列一次；请合并或拆分时间段
check-label-hours-inverted = 结束时间不晚于开始时间
check-label-hours-not-one-day = 不在同一天之内
check-help-invalid-hours = 时间段从开始时刻到更晚的结束时刻，最晚 24:00；跨过午夜的请拆成两天
check-empty-calendar = 日历 `{ $name }` 没有工作时间
check-label-no-hours = 没有 `hours` 行
check-help-empty-calendar = 请加上例如 `hours mon-fri 09:00-18:00`；否则按这个日历计的时长永远不会走完
check-off-and-work = { $date } 同时被设为 `off` 和 `work`
check-label-set-here = 在这里设置
check-help-off-and-work = 一天要么休息要么上班；请删掉其中一个
check-label-other-way = 这里又设成了另一种
check-inverted-range = 日期范围 { $from }..{ $to } 的结束早于开始
check-label-inverted-range = 结束早于开始
check-help-inverted-range = 请把较早的日期写在前面：`{ $to }..{ $from }`
check-label-invalid-range = 无效的范围
check-help-invalid-range = 请拆成较短的范围
check-holiday-unreadable = 无法读取节假日文件 `{ $path }`
check-holiday-malformed = 节假日文件 `{ $path }` 格式不对
check-help-holiday-utf8 = 请把节假日文件另存为 UTF-8 编码的 JSON
check-help-holiday-format = holiday-cn 的格式是 `{"{"}"year": 2026, "days": [{"{"}"name": "春节", "date": "2026-02-17", "isOffDay": true{"}"}]{"}"}`
check-label-is-other-name = { $what } `{ $own }` 的标签 `{ $label }` 同时也是{ $what } `{ $other }` 的名称
check-label-is-other-label = { $what } `{ $own }` 的标签 `{ $label }` 同时也是{ $what } `{ $other }` 的标签
check-label-this-label = 这个标签
check-label-same-name = 这里有同样的名称
check-label-same-label = 这里有同样的标签
check-help-ambiguous-label = { $what }可以用标签来指代，所以标签不能与其他{ $what }的名称或标签相同；请改掉其中一个
check-help-nobody-role = 团队中没有人担任角色 `{ $role }`；请给某人分配这个角色，或加上 `defaults: {"{"} { $role }: ID {"}"}`
check-help-nobody-person = 请把 `{ $id }` 加入团队文件
check-help-nobody-manager = 请在团队文件中给涉及的人员设置 `manager`
check-unresolvable-recipient = 接收人 `{ $recipient }` 在团队中找不到任何人
check-label-nobody = 没有人

## check: clauses

check-label-second-clause = 第二个
check-label-first-clause = 第一个

## salesflow test: the human report

test-signal-context = { $risk }：`{ $customer }` 的事件 { $event } 命中 `{ $keyword }`，时间 { $at }
test-explain-at = explain { $customer }，时间 { $at }：
test-state-mismatch = `{ $customer }` 的 { $key }：预期 `{ $want }`，实际 `{ $actual }`
test-stage-visits = 阶段经历：
test-stage-visit = { $stage }，自 { $from }
test-stage-visit-left = { $stage }，自 { $from } 至 { $to }
test-set-missing = 缺少 { $items }
test-set-unexpected = 多出 { $items }
test-list-missing-of = `{ $customer }` 的 { $expected } 项预期中有 { $missing } 项没有找到
test-list-missing-any = 所有客户中，{ $expected } 项预期有 { $missing } 项没有找到
test-list-extra = 比预期多 { $extra } 项（要求完全一致）
test-coverage-of = { $rules } 的覆盖率：{ $covered }/{ $total }（{ $percent }）
test-threshold-met = ，门槛 { $threshold }%：达到
test-threshold-not-met = ，门槛 { $threshold }%：{ $verdict }
test-not-met = 未达到
test-coverage = 覆盖率：{ $covered }/{ $total }（{ $percent }）
test-unreadable = { $files } 个测试文件无法运行
test-skipped = ，跳过 { $skipped } 个
test-summary = 通过 { $passed } 个，失败 { $failed } 个
test-file-error = 错误：{ $place }：{ $message }
test-error = 错误：{ $error }
test-at = { $whose }在 { $when }
test-at-shown = { $whose }在 { $when } = { $at }
test-decided-by = 判定依据：

## import: refused rows

import-at-row = { $file } 第 { $row } 行：
import-at-item = { $file } 第 { $item } 项：
import-at-column = 列 `{ $column }`：
import-column-twice = 这一列出现了两次
import-column-missing = 缺少必需的列
import-unknown-column = 未知的列{ $hint }
import-missing-value = 缺少值
import-listed-twice = { $what } `{ $id }` 列了两次（第一次在 { $first }）
import-unknown-id = 未知{ $what } `{ $id }`{ $hint }
import-did-you-mean = （是不是要写 `{ $name }`？）
import-time = 导入时间：{ $reason }
import-new-needs-created = 缺少值（新客户需要 `created_at`）
import-evidence-without-stage = evidence 是给初始 `stage` 用的，但没有给出 stage
import-stage-only-for-change = `stage` 只用于 `kind: stage_change`，不能用于 `{ $kind }`
import-update-requires = `update` 必须填写 `{ $column }`（规则中写了 `update requires`）
import-not-a-verdict = `{ $value }` 不是判定结果：请写 `confirmed` 或 `false`
import-due-before-created = 截止时间早于创建时间
import-not-a-time = `{ $value }` 不是时间：请写 `2026-03-02 09:00` 或 RFC 3339 格式
import-time-does-not-exist = `{ $value }` 在 { $tz } 时区中不存在
import-not-a-serial = `{ $value }` 不是时间：这里的数字必须是表格的日期序列号（自 1900 年起的天数）
import-not-a-number = `{ $value }` 不是数字
import-not-an-amount = `{ $value }` 不是金额
import-not-a-date-forms = `{ $value }` 不是日期：请写 `2026-03-02`、`2026/3/2` 或 `2026年3月2日`
import-not-a-date = `{ $value }` 不是日期：请写 `2026-03-02`
import-date-has-time = `{ $value }` 不是日期：它带有时刻（这个字段是 `date`）
import-not-a-bool = `{ $value }` 不是“是/否”：请写 `是`/`否`、`有`/`无`、`true`/`false`、`Y`/`N` 或 `1`/`0`
noun-customer = 客户
noun-person = 人员

## import: places

import-place-line = 第 { $n } 行
import-place-row = 第 { $n } 行
import-place-item = 第 { $n } 项

## times as typed

time-why = `{ $text }` { $why }
time-dst-gap = `{ $text }` 在 { $tz } 时区中不存在（夏令时跳过的时段）
time-not-a-time = 不是时间：请写 `2026-03-02 09:00`、`2026/3/2 9:00`、`2026年3月2日` 或 RFC 3339 格式
time-no-month = 不是日期：没有 { $month } 月
time-month-days = 不是日期：{ $month } 只有 { $days } 天
time-past-midnight = 不是一天中的时刻：`{ $time }` 超过了 23:59:59

## check: templates

check-inline-text = 内联文本
check-template-named = 模板 `{ $name }`
check-site-escalation = 升级步骤
check-site-block = `on` 块
check-site-block-no-task = 没有任务的 `on` 块
check-template-too-large = { $what } 太大（{ $kb } KB）
check-label-too-large = 太大
check-help-template-too-large = 模板最多 { $kb } KB；再长的消息没有人会读
check-template-too-complex = { $what } 中有一个标签含 { $operators } 个运算符
check-label-too-many-operators = 一个标签里的运算符太多
check-help-template-too-complex = 一个 `{"{{"} … {"}}"}` 或 `{"{"}% … %{"}"}` 最多 { $max } 个运算符（`|`、`.`、`-`、`not` 等）；请拆开
check-template-line = （模板第 { $line } 行）
check-template-syntax = { $what } 不是有效的模板
check-help-template-syntax = 模板使用 Jinja 语法：`{"{{"} customer.name {"}}"}`、`{"{{"} due | date {"}}"}`
check-help-site-provides = { $site }提供 { $names }
check-template-unknown-variable = { $what } 用到了 `{ $name }`，但{ $site }不提供它
check-label-unknown-here = 这里不认识
check-label-used-here = 在这里使用
check-help-no-attributes = `{ $name }` 没有属性
check-help-attributes = `{ $name }` 有 { $attributes }
check-template-unknown-attribute = { $what } 用到了 `{ $name }`，但它不存在
check-label-unknown-attribute = 未知属性

## check: template lints

check-help-filters = salesflow 在 MiniJinja 的过滤器（`default`、`upper`、`round` 等）之外还提供 `date`、`datetime` 和 `in_workdays(n)`
check-help-tests = 测试使用 MiniJinja 自带的：`is defined`、`is none`、`is number` 等
check-template-unknown-function = { $what } 用到了{ $word } `{ $name }`，但它不存在
check-label-unknown-function = 未知{ $word }
check-template-maybe-undefined = { $what } 读取了 `{ $path }`，但{ $why }它没有定义
check-label-not-guarded = 没有保护
check-help-maybe-undefined = 未定义时渲染会失败：请给默认值 `{"{{"} { $path } | default("…") {"}}"}`，或加判断 `{"{"}% if { $path } %{"}"}…{"{"}% endif %{"}"}`
check-why-no-blocker = 对没有记录阻碍的客户，
check-why-no-contact = 对导入时没有这一项的客户，
check-why-blank-field = 对这个字段为空的客户，
check-why-no-person-attr = 对团队文件中没有填写这一项的人员，
noun-test = 测试

## check: files refused

check-refused-name = 不是 `*.{ $ext }` 文件
check-refused-outside = 在项目之外
check-refused-not-a-file = { $what }，不是普通文件
check-refused-too-large = { $size }，超过了 { $limit } 的上限
check-help-include-relative = include 路径相对于写 include 的文件；这一个解析为 `{ $path }`
check-help-holiday-relative = 节假日文件路径相对于规则文件；这一个解析为 `{ $path }`
check-help-refused-flow = 只能 include 规则文件：请命名为 `*.flow`
check-help-refused-json = 节假日文件是 holiday-cn 格式的 JSON，文件名为 `*.json`
check-help-refused-outside = 规则流只读取项目（`{ $project }`）内的文件；其他文件夹请列在 salesflow.yaml 的 `allow_paths:` 下
check-help-refused-not-a-file = 请指定一个普通的 `*.{ $ext }` 文件
check-help-refused-too-large = `*.{ $ext }` 文件最大 { $limit }
check-file-fifo = 命名管道（FIFO）
check-file-device = 设备文件
check-file-socket = 套接字
check-file-directory = 文件夹
check-file-not-regular = 不是普通文件
check-size-bytes = { $n } 字节

## explain: timer states

timer-running = 计时中 (running)
timer-met = 已达成 (met)
timer-met-late = 逾期后达成 (met_late)
timer-cancelled = 已取消 (cancelled)

## check: calendar errors

check-hours-inverted = 工作时间 { $range } 的结束早于开始
check-hours-past-midnight = 工作时间 { $range } 的结束晚于 24:00
check-off-range-too-long = 休息日范围 { $from }..{ $to } 超过了 { $max } 天

## plan: triggers

plan-trigger-enter = 进入 { $stage }
plan-trigger-exit = 离开 { $stage }
plan-trigger-enter-segment = 进入客户分层 { $segment }
plan-trigger-exit-segment = 离开客户分层 { $segment }

## salesflow test: test files

test-cannot-read = 无法读取 `{ $path }`：{ $reason }
test-rules-do-not-check = 规则 `{ $rules }` 没有通过检查
test-unknown-guess = 未知{ $what } `{ $name }`：是不是要写 `{ $guess }`？
test-unknown-none = 未知{ $what } `{ $name }`：一个都没有
test-unknown-known = 未知{ $what } `{ $name }`；已知的有 { $known }
test-customer-twice = 客户 `{ $id }` 列了两次
test-customer-needs = 客户需要填写 `{ $key }`

## nouns: test files

noun-customer-column = 客户列
noun-step = 步骤
