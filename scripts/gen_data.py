#!/usr/bin/env python3
"""Generates a realistic customer store load for examples/zhilian.flow.

usage: gen_data.py OUT_DIR CUSTOMERS EVENTS [--touch PERCENT --seed N]

Writes customers.csv and events.csv (deterministic for a seed). With --touch,
writes only events.csv with one new event for PERCENT of the customers, dated
after the main history (for the "second apply" figure).
"""
import argparse
import csv
import os
import random

NAMES = ["新能源储能", "汽配", "数控机加工", "电池pack", "光伏", "整车", "锂电", "主机厂"]
TEXTS = [
    "客户提到需要法务审核", "约了下周演示", "对方说预算冻结了", "竞品已进场", "需要ERP对接",
    "一切顺利，技术负责人认可方案", "客户要求再便宜一点", "下周给答复", "测试环境未就绪", "招标流程启动",
    "拜访了车间主任，了解产线节拍", "ＰＯＣ失败，测试不通过", "客户关心交付周期",
]
BLOCKERS = ["客户内部测试环境未就绪", "预算审批中", "等待法务意见", "", ""]
KINDS = ["visit", "call", "wechat", "email", "meeting", "demo", "demo_cancelled", "tech_discussion"]
STAGES = ["lead", "requirement", "demo", "negotiation"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("customers", type=int)
    p.add_argument("events", type=int)
    p.add_argument("--touch", type=float)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    if a.touch:
        n = int(a.customers * a.touch / 100)
        with open(os.path.join(a.out, "touch.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["customer", "at", "kind", "role", "text", "blocker"])
            for i in rnd.sample(range(a.customers), n):
                w.writerow([f"c{i:06}", "2026-03-09 10:00", "call", "decision_maker", "客户提到需要法务审核", "等待法务意见"])
        return
    with open(os.path.join(a.out, "customers.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "owner", "stage", "created_at", "industry", "contract_disputes"])
        for i in range(a.customers):
            day = 1 + i % 28
            w.writerow([f"c{i:06}", f"{rnd.choice(NAMES)}{i}厂", "zhang", rnd.choice(STAGES),
                        f"2026-01-{day:02} 09:00", rnd.choice(NAMES), rnd.randint(0, 4)])
    per = max(1, a.events // a.customers)
    with open(os.path.join(a.out, "events.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer", "at", "kind", "role", "text", "blocker"])
        for i in range(a.customers):
            for k in range(per):
                month, day = (1, 1 + i % 28) if k == 0 else (2, 1 + (i + k) % 28)
                hour = 9 + k % 9
                role = "decision_maker" if rnd.random() < 0.3 else "engineer"
                w.writerow([f"c{i:06}", f"2026-{month:02}-{day:02} {hour:02}:{k % 60:02}", rnd.choice(KINDS), role,
                            rnd.choice(TEXTS), "客户内部测试环境未就绪" if k == 0 else rnd.choice(BLOCKERS)])


if __name__ == "__main__":
    main()
