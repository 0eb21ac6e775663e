import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { inboundSmsRequestSchema, NotificationSubjects, parseInput } from '@mc/contracts';
import { AnswerCitizenText } from './answer-citizen-text';

/** No user token: the SMS gateway's callback token is the credential. */
@Controller()
export class StatusBySmsHandlers {
  constructor(private readonly answer: AnswerCitizenText) {}

  @MessagePattern(NotificationSubjects.inboundSms)
  inbound(@Payload() payload: unknown) {
    const { token, sms } = parseInput(inboundSmsRequestSchema, payload);
    return this.answer.execute(token, sms);
  }
}
