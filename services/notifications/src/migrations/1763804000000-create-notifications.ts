import type { MigrationInterface, QueryRunner } from 'typeorm';

export type Seed = { kind: string; channel: 'sms' | 'zalo' | 'email'; subject?: string; body: string; zns?: string; urgent?: boolean };

/**
 * The first version of every template, written as the province would send
 * them; an admin changes them through the API, which adds versions.
 * SMS texts are kept short: a Vietnamese text with its diacritics is sent as
 * Unicode, and each 67 characters past the first 70 is one more unit on the
 * province's bill.
 */
export const SEEDS: Seed[] = [
  { kind: 'received', channel: 'sms', body: 'Hồ sơ {{code}} đã được tiếp nhận, hẹn trả {{dueDate}}. Tra cứu: {{trackingUrl}}' },
  { kind: 'received', channel: 'zalo', zns: '310001', body: 'Hồ sơ {{code}} ({{procedureName}}) của {{applicantName}} đã được tiếp nhận lúc {{receivedAt}}. Ngày hẹn trả kết quả: {{dueDate}}. Tra cứu: {{trackingUrl}}' },
  {
    kind: 'received',
    channel: 'email',
    subject: 'Hồ sơ {{code}} đã được tiếp nhận',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã được tiếp nhận lúc {{receivedAt}}.\nNgày hẹn trả kết quả: {{dueDate}}.\nTheo dõi hồ sơ tại: {{trackingUrl}}\n\nTrung tâm Phục vụ hành chính công',
  },
  { kind: 'supplement_requested', channel: 'sms', body: 'Hồ sơ {{code}} cần bổ sung: {{missing}}. Nộp trước {{supplementBy}} tại {{unitName}}.' },
  { kind: 'supplement_requested', channel: 'zalo', zns: '310002', body: 'Hồ sơ {{code}} cần bổ sung: {{missing}}. Lý do: {{reason}}. Đề nghị nộp bổ sung trước ngày {{supplementBy}} tại {{unitName}}.' },
  {
    kind: 'supplement_requested',
    channel: 'email',
    subject: 'Hồ sơ {{code}} cần bổ sung, hoàn thiện',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) cần bổ sung, hoàn thiện các thành phần sau: {{missing}}.\nLý do: {{reason}}.\nĐề nghị nộp bổ sung trước ngày {{supplementBy}} tại {{unitName}}. Thời gian chờ bổ sung không tính vào thời hạn giải quyết.\n\nTrung tâm Phục vụ hành chính công',
  },
  { kind: 'supplement_received', channel: 'sms', body: 'Hồ sơ {{code}} đã nhận đủ bổ sung, tiếp tục giải quyết. Hẹn trả {{dueDate}}.' },
  { kind: 'supplement_received', channel: 'zalo', zns: '310003', body: 'Hồ sơ {{code}} đã nhận đủ phần bổ sung và đang được tiếp tục giải quyết. Ngày hẹn trả kết quả: {{dueDate}}.' },
  {
    kind: 'supplement_received',
    channel: 'email',
    subject: 'Hồ sơ {{code}} đã nhận phần bổ sung',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã nhận đủ phần bổ sung và đang được tiếp tục giải quyết.\nNgày hẹn trả kết quả: {{dueDate}}.\nTheo dõi hồ sơ tại: {{trackingUrl}}\n\nTrung tâm Phục vụ hành chính công',
  },
  { kind: 'result_ready', channel: 'sms', body: 'Hồ sơ {{code}} đã có kết quả. Nhận kết quả: {{collectWhere}}.' },
  { kind: 'result_ready', channel: 'zalo', zns: '310004', body: 'Hồ sơ {{code}} ({{procedureName}}) đã có kết quả. Cách nhận kết quả: {{collectWhere}}.' },
  {
    kind: 'result_ready',
    channel: 'email',
    subject: 'Hồ sơ {{code}} đã có kết quả',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã có kết quả.\nCách nhận kết quả: {{collectWhere}}.\nKhi đến nhận, xin mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.\n\nTrung tâm Phục vụ hành chính công',
  },
  { kind: 'returned', channel: 'sms', body: 'Hồ sơ {{code}} đã trả kết quả ({{returnMethod}}). Cảm ơn ông/bà.' },
  { kind: 'returned', channel: 'zalo', zns: '310005', body: 'Hồ sơ {{code}} ({{procedureName}}) đã được trả kết quả ({{returnMethod}}). Mời ông/bà đánh giá mức độ hài lòng trên Cổng dịch vụ công.' },
  {
    kind: 'returned',
    channel: 'email',
    subject: 'Hồ sơ {{code}} đã trả kết quả',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã được trả kết quả ({{returnMethod}}).\nMời ông/bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ.\n\nTrung tâm Phục vụ hành chính công',
  },
  { kind: 'delivered_by_post', channel: 'sms', body: 'Kết quả hồ sơ {{code}} đã được bưu chính phát lúc {{deliveredAt}}, mã bưu gửi {{waybill}}.' },
  { kind: 'delivered_by_post', channel: 'zalo', zns: '310006', body: 'Kết quả hồ sơ {{code}} đã được bưu chính phát thành công lúc {{deliveredAt}}, mã bưu gửi {{waybill}}.' },
  {
    kind: 'delivered_by_post',
    channel: 'email',
    subject: 'Kết quả hồ sơ {{code}} đã được bưu chính phát',
    body: 'Kính gửi {{applicantName}},\n\nKết quả hồ sơ {{code}} đã được bưu chính phát thành công lúc {{deliveredAt}} (mã bưu gửi {{waybill}}).\n\nTrung tâm Phục vụ hành chính công',
  },
  { kind: 'apologised', channel: 'sms', body: 'Xin lỗi ông/bà: hồ sơ {{code}} trả kết quả chậm. Hẹn lại ngày {{newDueDate}}.' },
  { kind: 'apologised', channel: 'zalo', zns: '310007', body: '{{unitName}} xin lỗi ông/bà: hồ sơ {{code}} chưa trả kết quả đúng hẹn ngày {{originalDueDate}}. Lý do: {{reason}}. Ngày hẹn trả mới: {{newDueDate}}.' },
  {
    kind: 'apologised',
    channel: 'email',
    subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\n{{unitName}} xin lỗi ông/bà vì hồ sơ {{code}} ({{procedureName}}) chưa trả kết quả đúng hẹn ngày {{originalDueDate}}.\nLý do: {{reason}}.\nNgày hẹn trả kết quả mới: {{newDueDate}} (Phiếu xin lỗi và hẹn lại ngày trả kết quả, Mẫu số 04).\n\nTrân trọng.',
  },
  { kind: 'stopped', channel: 'sms', body: 'Hồ sơ {{code}} đã dừng giải quyết. Lý do: {{reason}}. Liên hệ {{unitName}}.' },
  { kind: 'stopped', channel: 'zalo', zns: '310008', body: 'Hồ sơ {{code}} ({{procedureName}}) đã dừng giải quyết. Lý do: {{reason}}. Mọi thắc mắc xin liên hệ {{unitName}}.' },
  {
    kind: 'stopped',
    channel: 'email',
    subject: 'Thông báo dừng giải quyết hồ sơ {{code}}',
    body: 'Kính gửi {{applicantName}},\n\nHồ sơ {{code}} ({{procedureName}}) đã dừng giải quyết.\nLý do: {{reason}}.\nMọi thắc mắc xin liên hệ {{unitName}}.\n\nTrân trọng.',
  },
  // Answers to a status request: the citizen is waiting for them, whatever the hour.
  { kind: 'status_reply', channel: 'sms', urgent: true, body: 'Hồ sơ {{code}}: {{stateLabel}}. Hẹn trả {{dueDate}}.' },
  { kind: 'status_refused', channel: 'sms', urgent: true, body: 'Không tra cứu được hồ sơ theo yêu cầu này. Soạn MC <mã hồ sơ> gửi tổng đài từ số điện thoại đã đăng ký với hồ sơ.' },
];

/**
 * Notifications: the templates (versioned), the dossiers as this service
 * knows them from events (contact and preferences included), the messages
 * with their state and cost, the staff notices and the unit names.
 */
export class CreateNotifications1763804000000 implements MigrationInterface {
  name = 'CreateNotifications1763804000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE templates (
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('sms', 'zalo', 'email')),
        version integer NOT NULL,
        subject text,
        body text NOT NULL,
        zns_template_id text,
        urgent boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, channel, version)
      )`);
    for (const seed of SEEDS) {
      await runner.query(
        `INSERT INTO templates (kind, channel, version, subject, body, zns_template_id, urgent, created_by) VALUES ($1, $2, 1, $3, $4, $5, $6, 'system')`,
        [seed.kind, seed.channel, seed.subject ?? null, seed.body, seed.zns ?? null, seed.urgent ?? false],
      );
    }
    await runner.query(`
      CREATE TABLE known_units (
        code text PRIMARY KEY,
        name text NOT NULL,
        source_event_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE dossiers (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        procedure_name text NOT NULL,
        applicant_name text NOT NULL,
        receiving_unit_code text NOT NULL,
        competent_unit_code text NOT NULL,
        return_method text NOT NULL,
        phone text,
        email text,
        channels text[] NOT NULL DEFAULT '{}',
        consent boolean NOT NULL DEFAULT false,
        tracking_path text,
        state text NOT NULL,
        due_at timestamptz NOT NULL,
        state_event_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        event_id text NOT NULL,
        channel text NOT NULL,
        kind text NOT NULL,
        dossier_id uuid,
        dossier_code text,
        recipient text NOT NULL,
        template_version integer NOT NULL,
        subject text,
        body text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        zns_template_id text,
        urgent boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'undelivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        provider_message_id text,
        units integer,
        cost integer,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        reported_at timestamptz,
        -- One message per event and channel, however often the event is delivered.
        UNIQUE (event_id, channel)
      )`);
    await runner.query(`CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX messages_dead ON messages (created_at) WHERE status = 'dead'`);
    await runner.query(`CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_message_id) WHERE provider_message_id IS NOT NULL`);
    await runner.query(`CREATE INDEX messages_sent_day ON messages (sent_at) WHERE sent_at IS NOT NULL`);
    await runner.query(`
      CREATE TABLE staff_notices (
        id uuid PRIMARY KEY,
        event_id text NOT NULL,
        kind text NOT NULL,
        unit_code text NOT NULL,
        dossier_code text NOT NULL,
        text text NOT NULL,
        at timestamptz NOT NULL,
        UNIQUE (event_id, unit_code)
      )`);
    await runner.query(`CREATE INDEX staff_notices_unit_at ON staff_notices (unit_code, at)`);
    // Events about a dossier whose receipt this service has not handled yet (consumers run side by side): replayed with it.
    await runner.query(`
      CREATE TABLE parked_events (
        event_id text PRIMARY KEY,
        dossier_id uuid NOT NULL,
        envelope jsonb NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX parked_events_dossier ON parked_events (dossier_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['parked_events', 'staff_notices', 'messages', 'dossiers', 'known_units', 'templates']) await runner.query(`DROP TABLE ${table}`);
  }
}
