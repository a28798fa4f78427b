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
demo-reports-pending = `salesflow report` 就绪后，这里会显示漏斗、停留时长和旅程三张报表
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
